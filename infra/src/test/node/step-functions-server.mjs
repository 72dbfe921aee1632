// A Step Functions endpoint for tests: the AWS JSON 1.0 protocol (StartExecution, StopExecution,
// DescribeExecution, ListExecutions) on loopback, running state machines with the Amazon States Language
// interpreter aws-local-stepfunctions. Their lambda:invoke Task states POST their Payload to HTTP endpoints, and their
// states:startExecution Task states (request-response) start an execution of a state machine served here.
//
//   node step-functions-server.mjs <config.json>
//   config: {"stateMachines": [{"stateMachineArn": "...", "definition": {...}, "type": "STANDARD" | "EXPRESS"}],
//            "lambdas": {"<FunctionName>": "http://127.0.0.1:<port>/invoke" | "file:<path of a Node.js module>"}}
//   (a file: function is a Node.js handler, as the template carries it inline, run in this process)
//   (or one Standard machine: {"stateMachineArn": "...", "definition": {...}, "lambdas": ...})
//
// Express executions are as Step Functions has them: a name may be used any number of times, each start is a new
// execution (arn:...:express:<machine>:<name>:<uuid>), which DescribeExecution and StopExecution refuse, and
// which times out after five minutes.
//
// Prints `LISTENING <port>` once ready. Exits when stdin closes (so a dead parent leaves no orphan) or on SIGTERM.
// Control paths for tests (not AWS): POST /_faults, POST /_hooks, GET /_executions.

import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';

// The library declares Node >= 22 for this one call (Task timeouts); Node 20 lacks it.
Promise.withResolvers ??= function () {
  let resolve, reject;
  const promise = new Promise((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};
const { StateMachine, ExecutionError, ExecutionAbortedError, ExecutionTimeoutError } = await import(
  'aws-local-stepfunctions'
);

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const EXPRESS_TIMEOUT_MS = 5 * 60 * 1000;
/** stateMachineArn -> {arn, name, region, account, express, definition, stateMachine, waitTimeOverrides} */
const machines = new Map(
  (config.stateMachines ?? [{ stateMachineArn: config.stateMachineArn, definition: config.definition }]).map((m) => {
    // arn:aws:states:<region>:<account>:stateMachine:<name>
    const [, , , region, account, , name] = m.stateMachineArn.split(':');
    const stateMachine = new StateMachine(m.definition, { validationOptions: { checkArn: false, checkPaths: false } });
    const machine = { arn: m.stateMachineArn, name, region, account, express: m.type === 'EXPRESS', definition: m.definition, stateMachine };
    return [m.stateMachineArn, machine];
  }),
);

const log = (...args) => console.error(new Date().toISOString(), ...args);
process.on('unhandledRejection', (reason) => log('unhandled rejection', reason));
process.on('uncaughtException', (error) => log('uncaught exception', error));

// ---- Lambda functions: lenient name matching ------------------------------------------------------------

// arn:aws:lambda:region:acct:function:NAME[:QUALIFIER] -> NAME[:QUALIFIER]; a plain name is itself.
const functionPart = (f) => (f.startsWith('arn:') ? f.split(':').slice(6).join(':') : f);
const unqualified = (f) => (f.startsWith('arn:') ? f.split(':').slice(0, 7).join(':') : f.split(':')[0]);
const bareName = (f) => functionPart(f).split(':')[0];

/** The key of `map` naming the same function as `f`: exactly, else without qualifier, else by bare name. */
function sameFunction(map, f) {
  const keys = Object.keys(map);
  return (
    keys.find((k) => k === f) ??
    keys.find((k) => unqualified(k) === unqualified(f)) ??
    keys.find((k) => bareName(k) === bareName(f))
  );
}

/**
 * Injected failures, in the order they were injected: {function, execution?, error, cause, remaining}. The first one
 * that names the invoked function (and the execution, when it names one) fails the invocation.
 */
const faults = [];

/**
 * Calls made before a StartExecution of a given name is carried out, once each: {name: url}. A test stages a race
 * with it (a client cancelling the task while the consumer starts its execution).
 */
const startHooks = new Map();

async function runStartHook(text) {
  let name;
  try {
    name = JSON.parse(text).name;
  } catch {
    return;
  }
  const url = startHooks.get(name);
  if (url === undefined) return;
  startHooks.delete(name);
  try {
    await fetch(url, { method: 'POST', body: name, signal: AbortSignal.timeout(30000) });
  } catch (error) {
    log('start hook failed', name, error);
  }
}

const namedError = (name, message) => Object.assign(new Error(message), { name });

/** What the lambda:invoke integration does: Payload out, {Payload, StatusCode} back, function errors by errorType. */
async function invokeLambda(functionName, payload, executionName) {
  const fault = faults.find(
    (f) =>
      f.remaining > 0 &&
      (f.execution === undefined || f.execution === executionName) &&
      sameFunction({ [f.function]: true }, functionName) !== undefined,
  );
  if (fault !== undefined) {
    fault.remaining--;
    throw namedError(fault.error, fault.cause);
  }
  const urlKey = sameFunction(config.lambdas, functionName);
  if (urlKey === undefined) {
    throw namedError('Lambda.ResourceNotFoundException', `Function not found: ${functionName}`);
  }
  if (config.lambdas[urlKey].startsWith('file:')) {
    return invokeNodeHandler(config.lambdas[urlKey].slice('file:'.length), payload);
  }
  let response;
  let body;
  try {
    response = await fetch(config.lambdas[urlKey], {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload ?? null),
    });
    body = await response.text();
  } catch (error) {
    throw namedError('Lambda.SdkClientException', `Unable to execute HTTP request: ${error.cause?.message ?? error.message}`);
  }
  if (response.status === 200) {
    return { Payload: body === '' ? null : JSON.parse(body), StatusCode: 200, ExecutedVersion: '$LATEST' };
  }
  let errorType;
  try {
    errorType = JSON.parse(body).errorType;
  } catch {
    // not a function error
  }
  // Step Functions names a function error by its errorType and puts the whole error object in Cause.
  if (typeof errorType === 'string') throw namedError(errorType, body);
  throw namedError('Lambda.ServiceException', `HTTP ${response.status}: ${body}`);
}

/** A Node.js function run here, as Lambda runs it: its handler called with the payload; a throw is a function error. */
async function invokeNodeHandler(modulePath, payload) {
  const { handler } = createRequire(import.meta.url)(modulePath);
  try {
    return { Payload: (await handler(payload ?? null, {})) ?? null, StatusCode: 200, ExecutedVersion: '$LATEST' };
  } catch (error) {
    throw namedError(error?.name ?? 'Error', JSON.stringify({ errorType: error?.name, errorMessage: error?.message }));
  }
}

// ---- Wait states: Step Functions truncates the timestamp to the second ----------------------------------

// The library waits for `new Date(timestamp).getTime() - Date.now()` ms, so to the millisecond. A Wait state's input
// (hence its TimestampPath value) is only known inside the library, and a state can be entered any number of times,
// so no override fixed at run start can be right. What the library does offer: it reads waitTimeOverrides[state]
// synchronously on every entry of the Wait state, right before it computes that difference in the same synchronous
// run. Reading that entry (a getter, returning undefined: no override) arms a one-shot Date.prototype.getTime that
// truncates to the whole second; the library's call on the timestamp's Date is the first one, and the hook removes
// itself then, or at the latest at the next microtask (if the path did not resolve), before any other code runs.
const realGetTime = Date.prototype.getTime;
function truncateNextGetTime() {
  const restore = () => {
    Date.prototype.getTime = realGetTime;
  };
  Date.prototype.getTime = function () {
    restore();
    return Math.floor(realGetTime.call(this) / 1000) * 1000;
  };
  queueMicrotask(restore);
}

/** Every [name, state] of the definition, with those inside Parallel branches and Map iterations (the library looks
 * overrides up by state name at any depth). */
function* allStates({ States }) {
  for (const [name, state] of Object.entries(States)) {
    yield [name, state];
    for (const nested of [...(state.Branches ?? []), state.Iterator, state.ItemProcessor]) {
      if (nested) yield* allStates(nested);
    }
  }
}

for (const machine of machines.values()) {
  machine.waitTimeOverrides = {};
  for (const [name, state] of allStates(machine.definition)) {
    if (state.Type === 'Wait' && (state.Timestamp !== undefined || state.TimestampPath !== undefined)) {
      // Not enumerable: only the library's lookup by name may arm the hook, never a copy of the object.
      Object.defineProperty(machine.waitTimeOverrides, name, { get: () => void truncateNextGetTime() });
    }
  }
}

// ---- Executions ---------------------------------------------------------------------------------------------

const executions = new Map(); // executionArn -> execution
const LAMBDA_INVOKE = /^arn:[^:]+:states:::lambda:invoke$/;
const START_EXECUTION = /^arn:[^:]+:states:::states:startExecution$/;

class ApiError extends Error {
  constructor(type, message) {
    super(message);
    this.type = type;
  }
}

function machineOf(stateMachineArn) {
  const machine = machines.get(stateMachineArn);
  if (!machine) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
  return machine;
}

function startExecution({ stateMachineArn, name, input }) {
  const machine = machineOf(stateMachineArn);
  name ??= crypto.randomUUID();
  if (name.length < 1 || name.length > 80 || /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/.test(name)) {
    throw new ApiError('InvalidName', `Invalid Name: '${name}'`);
  }
  input ??= '{}';
  let parsedInput;
  try {
    parsedInput = JSON.parse(input);
  } catch (error) {
    throw new ApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${error.message}'`);
  }
  const { region, account } = machine;
  const executionArn = machine.express
    ? `arn:aws:states:${region}:${account}:express:${machine.name}:${name}:${crypto.randomUUID()}`
    : `arn:aws:states:${region}:${account}:execution:${machine.name}:${name}`;
  const existing = executions.get(executionArn);
  if (existing) {
    // Standard workflows: idempotent while the same execution runs with the same input.
    if (existing.status === 'RUNNING' && existing.input === input) return existing;
    throw new ApiError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
  }
  const execution = { executionArn, machine, name, status: 'RUNNING', startDate: Date.now(), input, events: [] };
  executions.set(executionArn, execution);
  run(execution, parsedInput);
  if (machine.express) {
    setTimeout(() => {
      if (execution.status !== 'RUNNING') return;
      close(execution, 'TIMED_OUT', {});
      execution.abort();
    }, EXPRESS_TIMEOUT_MS).unref();
  }
  return execution;
}

/** What the states:startExecution integration does (request-response): starts the execution, answers its ARN. */
function startExecutionTask({ StateMachineArn, Name, Input }) {
  try {
    const started = startExecution({
      stateMachineArn: StateMachineArn,
      name: Name,
      input: typeof Input === 'string' ? Input : JSON.stringify(Input ?? {}),
    });
    return { ExecutionArn: started.executionArn, StartDate: new Date(started.startDate).toISOString() };
  } catch (error) {
    // The integration names a service error StepFunctions.<Name>Exception.
    if (error instanceof ApiError) throw namedError(`StepFunctions.${error.type}Exception`, error.message);
    throw error;
  }
}

function run(execution, input) {
  const { definition, stateMachine, waitTimeOverrides } = execution.machine;
  const record = (event, time = Date.now()) => {
    const recorded = { time: new Date(time).toISOString(), ...event };
    execution.events.push(recorded);
    return recorded;
  };
  const taskResourceLocalHandlers = {};
  for (const [stateName, state] of allStates(definition)) {
    if (state.Type !== 'Task') continue;
    if (START_EXECUTION.test(state.Resource)) {
      taskResourceLocalHandlers[stateName] = async (parameters) => {
        const call = record({ type: 'StartExecutionCalled', state: stateName, parameters, outcome: null });
        try {
          const result = startExecutionTask(parameters);
          call.outcome = 'ok';
          return result;
        } catch (error) {
          call.outcome = error.name;
          throw error;
        }
      };
      continue;
    }
    if (!LAMBDA_INVOKE.test(state.Resource)) {
      // Without a local handler the library would call the real AWS Lambda: never leave loopback.
      taskResourceLocalHandlers[stateName] = () => {
        throw Object.assign(namedError('States.Runtime', `Resource not served here: ${state.Resource}`), {
          isRetryable: false,
          isCatchable: false,
        });
      };
      continue;
    }
    taskResourceLocalHandlers[stateName] = async (parameters) => {
      const { FunctionName, Payload } = parameters;
      const invocation = record({ type: 'LambdaInvoked', state: stateName, function: FunctionName, payload: Payload, outcome: null });
      try {
        const result = await invokeLambda(FunctionName, Payload, execution.name);
        invocation.outcome = 'ok';
        return result;
      } catch (error) {
        invocation.outcome = error.name;
        throw error;
      }
    };
  }
  const { abort, result, eventLogs } = stateMachine.run(input, {
    overrides: { taskResourceLocalHandlers, waitTimeOverrides },
    context: {
      Execution: { Id: execution.executionArn, Name: execution.name },
      StateMachine: { Id: execution.machine.arn, Name: execution.machine.name },
    },
  });
  execution.abort = abort;
  (async () => {
    for await (const { type, timestamp, state, Error: error, Cause: cause } of eventLogs) {
      record({ type, state: state?.name, ...(error !== undefined && { error, cause }) }, timestamp);
    }
  })().catch((error) => log('event log failed', error));
  result.then(
    (output) => close(execution, 'SUCCEEDED', { output: JSON.stringify(output) }),
    (error) => {
      if (error instanceof ExecutionAbortedError) return; // StopExecution already closed it
      if (error instanceof ExecutionTimeoutError) return close(execution, 'TIMED_OUT', {});
      const failure = error instanceof ExecutionError ? error.cause : error;
      const cause = typeof failure?.cause === 'object' && failure.cause !== null ? JSON.stringify(failure.cause) : failure?.message;
      close(execution, 'FAILED', { error: failure?.name ?? 'States.Runtime', cause });
    },
  );
}

function close(execution, status, fields) {
  if (execution.status !== 'RUNNING') return;
  Object.assign(execution, { status, stopDate: Date.now() }, fields);
}

const executionOf = (executionArn) => {
  const execution = executions.get(executionArn);
  if (!execution) throw new ApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
  if (execution.machine.express) {
    throw new ApiError('InvalidArn', `This operation is not supported by EXPRESS state machines: '${executionArn}'`);
  }
  return execution;
};

function stopExecution({ executionArn, error, cause }) {
  const execution = executionOf(executionArn);
  // A closed execution stays as it ended.
  if (execution.status === 'RUNNING') {
    close(execution, 'ABORTED', { error, cause });
    execution.abort();
  }
  return { stopDate: execution.stopDate / 1000 };
}

const describe = (e) => ({
  executionArn: e.executionArn,
  stateMachineArn: e.machine.arn,
  name: e.name,
  status: e.status,
  startDate: e.startDate / 1000,
  ...(e.stopDate !== undefined && { stopDate: e.stopDate / 1000 }),
  input: e.input,
  ...(e.output !== undefined && { output: e.output }),
  ...(e.error !== undefined && { error: e.error }),
  ...(e.cause !== undefined && { cause: e.cause }),
});

const operations = {
  StartExecution: (request) => {
    const execution = startExecution(request);
    return { executionArn: execution.executionArn, startDate: execution.startDate / 1000 };
  },
  StopExecution: stopExecution,
  DescribeExecution: ({ executionArn }) => describe(executionOf(executionArn)),
  ListExecutions: ({ stateMachineArn, statusFilter }) => {
    const machine = machineOf(stateMachineArn);
    const all = [...executions.values()].filter(
      (e) => e.machine === machine && (!statusFilter || e.status === statusFilter),
    );
    return { executions: all.reverse().map(({ input, output, error, cause, ...rest }) => describe(rest)) };
  },
};

// ---- HTTP -----------------------------------------------------------------------------------------------------

function send(response, status, body, contentType = 'application/x-amz-json-1.0') {
  response.writeHead(status, { 'content-type': contentType }).end(JSON.stringify(body));
}

async function handle(request, response) {
  const chunks = [];
  for await (const chunk of request) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString('utf8');
  if (request.method === 'GET' && request.url === '/_executions') {
    return send(response, 200, [...executions.values()].map((e) => ({ ...describe(e), events: e.events })), 'application/json');
  }
  if (request.method === 'POST' && request.url === '/_faults') {
    const { function: f, execution, error, cause, count } = JSON.parse(text);
    faults.push({ function: f, execution, error, cause: cause ?? `Injected fault: ${error}`, remaining: count ?? 1 });
    return send(response, 200, faults, 'application/json');
  }
  if (request.method === 'POST' && request.url === '/_hooks') {
    const { beforeStart, url } = JSON.parse(text);
    startHooks.set(beforeStart, url);
    return send(response, 200, Object.fromEntries(startHooks), 'application/json');
  }
  const target = request.headers['x-amz-target'] ?? '';
  const operation = operations[target.replace(/^AWSStepFunctions\./, '')];
  if (target.endsWith('.StartExecution')) {
    await runStartHook(text);
  }
  if (request.method !== 'POST' || !operation) {
    return send(response, 400, { __type: 'UnknownOperationException', message: `Unknown operation: ${target}` });
  }
  try {
    send(response, 200, operation(text === '' ? {} : JSON.parse(text)));
  } catch (error) {
    if (!(error instanceof ApiError)) log(target, error);
    send(response, 400, { __type: error.type ?? 'ValidationException', message: error.message });
  }
}

const server = createServer((request, response) =>
  handle(request, response).catch((error) => {
    log('request failed', error);
    if (!response.headersSent) send(response, 500, { __type: 'InternalFailure', message: String(error) });
  }),
);
server.listen(0, '127.0.0.1', () => console.log(`LISTENING ${server.address().port}`));

const shutdown = () => process.exit(0);
process.stdin.on('end', shutdown).on('close', shutdown).resume();
process.on('SIGTERM', shutdown);
