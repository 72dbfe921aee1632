// Waits out the milliseconds of a task's time that Step Functions' Wait state drops (it ends on the whole second),
// up to a little before the time, so the Java executor, at 1,024 MB, is invoked just before it and sleeps only the
// last few milliseconds itself; a second of this function at 128 MB costs an eighth of one of the executor.
// Input: {"timestamp": "<ISO-8601>"}. Answers how long it waited; past the time, or given no time, it returns at once.
const HOP_MILLIS = 100; // the time Step Functions takes to invoke the executor after this returns, with room to spare

exports.handler = async (event) => {
  const due = Date.parse(event && event.timestamp);
  const wait = Number.isNaN(due) ? 0 : due - HOP_MILLIS - Date.now();
  if (wait > 0) {
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
  return { waitedMillis: Math.max(0, wait) };
};
