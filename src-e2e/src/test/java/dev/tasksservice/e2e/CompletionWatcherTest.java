package dev.tasksservice.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasksservice.client.TaskStatus;
import dev.tasksservice.client.TasksClient;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The watch against a stand-in API, some listing a few tasks a page so every listing spans pages. The watch and the
 * stand-in share a clock that stands still until the watch waits: waiting moves it on, so nothing sleeps.
 */
class CompletionWatcherTest {

    private static final Duration LEAD = Duration.ofMillis(3500);

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final SettableClock clock = new SettableClock(Instant.parse("2030-01-01T10:00:00Z"));

    @Test
    void findsItsTasksFinalInTheListingsAmongOthersAndStopsOnceAllAre() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.withPageSize(FakeTasksApi.Behaviour.ON_TIME, 2, clock);
                TasksClient client = TasksClient.of(api.url())) {
            Instant due = clock.instant().plus(LEAD);
            // Others' tasks, due seconds before and after ours, share the listings and must be left out.
            create(client, due.minusSeconds(2), 2);
            List<CreatedTask> ours = create(client, due, 5);
            create(client, due.plusSeconds(2), 2);
            Instant deadline = due.plusSeconds(30);

            CompletionWatcher.WatchResult result = watcher(client).watch("burst", ours, deadline);

            assertThat(clock.instant()).isBefore(due.plusSeconds(5));
            assertThat(result.lastSeen()).hasSize(5).allSatisfy((id, task) -> {
                assertThat(task.status()).isEqualTo(TaskStatus.COMPLETED);
                assertThat(task.executedAt()).isEqualTo(due.plusMillis(30));
            });
            assertThat(result.lastSeen().keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            ours.stream().map(CreatedTask::id).toList());
            assertThat(result.notFinal()).isZero();
            assertThat(result.reads()).isZero();
            assertThat(api.reads()).isZero();
            // 7 COMPLETED tasks by then on pages of 2, the 2 others' first: the 4th page holds the last of ours.
            assertThat(result.listPages()).isEqualTo(4);
            assertThat(result.listErrors()).isZero();
        }
    }

    @Test
    void startsEachRoundAfterThePagesOfTasksEarlierThanEveryTaskStillAwaited() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.withPageSize(FakeTasksApi.Behaviour.ON_TIME, 2, clock);
                TasksClient client = TasksClient.of(api.url())) {
            Instant due = clock.instant().plus(LEAD);
            // An earlier run's tasks, 2 pages of them, then ours, due in three different seconds.
            create(client, due.minusSeconds(2), 4);
            List<CreatedTask> ours = new ArrayList<>();
            ours.addAll(create(client, due, 1));
            ours.addAll(create(client, due.plusMillis(1500), 1));
            ours.addAll(create(client, due.plusMillis(3000), 1));

            CompletionWatcher.WatchResult result = watcher(client).watch("spread", ours, due.plusSeconds(30));

            assertThat(result.notFinal()).isZero();
            assertThat(result.reads()).isZero();
            List<FakeTasksApi.Listing> completed = api.listings().stream()
                    .filter(listing -> listing.status().equals("COMPLETED"))
                    .toList();
            // Only the first round lists from the first page; the later ones start after the earlier run's tasks.
            assertThat(completed).hasSizeGreaterThanOrEqualTo(4);
            assertThat(completed.getFirst().cursor()).isNull();
            assertThat(completed.subList(1, completed.size()))
                    .allSatisfy(listing -> assertThat(listing.cursor()).isNotNull());
            assertThat(result.listPages()).isLessThan(3 * completed.size());
        }
    }

    @Test
    void listsNothingBeforeTheFirstDueTimeAndThenAboutOnceASecond() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.withClock(FakeTasksApi.Behaviour.NEVER_RUNS, clock);
                TasksClient client = TasksClient.of(api.url())) {
            Instant due = clock.instant().plus(LEAD);
            List<CreatedTask> ours = create(client, due, 3);
            Instant deadline = due.plusMillis(2500);

            CompletionWatcher.WatchResult result = watcher(client).watch("spread", ours, deadline);

            // Rounds at due + 0.2 s, + 1.2 s, + 2.2 s and at the deadline: each lists COMPLETED, then FAILED.
            List<Instant> listings =
                    api.listings().stream().map(FakeTasksApi.Listing::at).toList();
            assertThat(listings).hasSize(8);
            assertThat(listings.getFirst()).isAfterOrEqualTo(due.plus(CompletionWatcher.LISTING_DELAY));
            List<Instant> rounds = new ArrayList<>();
            for (int i = 0; i < listings.size(); i += 2) {
                rounds.add(listings.get(i));
            }
            for (int i = 1; i < rounds.size() - 1; i++) {
                assertThat(Duration.between(rounds.get(i - 1), rounds.get(i)))
                        .isBetween(Duration.ofMillis(950), Duration.ofMillis(1300));
            }
            assertThat(rounds.getLast()).isAfterOrEqualTo(deadline);
            // Then each task never seen final is read once, and shows where it stopped.
            assertThat(api.reads()).isEqualTo(3);
            assertThat(result.reads()).isEqualTo(3);
            assertThat(result.notFinal()).isEqualTo(3);
            assertThat(result.lastSeen().values())
                    .allSatisfy(task -> assertThat(task.status()).isEqualTo(TaskStatus.SCHEDULED));
        }
    }

    @Test
    void countsFailedListingsAndReadsWhenTheApiGoesAway() throws Exception {
        FakeTasksApi api = FakeTasksApi.withClock(FakeTasksApi.Behaviour.ON_TIME, clock);
        try (TasksClient client = TasksClient.of(api.url())) {
            Instant due = clock.instant().plus(LEAD);
            List<CreatedTask> ours = create(client, due, 2);
            api.close();

            CompletionWatcher.WatchResult result = watcher(client).watch("burst", ours, due.plusMillis(300));

            assertThat(result.listErrors()).isGreaterThanOrEqualTo(2);
            assertThat(result.readErrors()).isEqualTo(2);
            assertThat(result.lastError()).startsWith("GET /tasks/");
            assertThat(result.notFinal()).isEqualTo(2);
        }
    }

    @Test
    void anEmptyScenarioEndsAtOnce() throws Exception {
        try (FakeTasksApi api = FakeTasksApi.withClock(FakeTasksApi.Behaviour.ON_TIME, clock);
                TasksClient client = TasksClient.of(api.url())) {
            CompletionWatcher.WatchResult result =
                    watcher(client).watch("burst", List.of(), clock.instant().plusSeconds(30));

            assertThat(result.lastSeen()).isEmpty();
            assertThat(api.listings()).isEmpty();
        }
    }

    private CompletionWatcher watcher(TasksClient client) {
        return new CompletionWatcher(
                client, 2, new PrintStream(output, true, StandardCharsets.UTF_8), clock, clock.sleeper());
    }

    private static List<CreatedTask> create(TasksClient client, Instant due, int count) throws Exception {
        CreationResult creation = new TaskCreator(client, 2).create("test", Collections.nCopies(count, due));
        assertThat(creation.errors()).isEmpty();
        return creation.created();
    }
}
