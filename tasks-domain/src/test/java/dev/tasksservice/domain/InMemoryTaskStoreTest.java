package dev.tasksservice.domain;

import dev.tasksservice.domain.port.out.TaskStore;

class InMemoryTaskStoreTest extends TaskStoreContract {

    @Override
    protected TaskStore newEmptyStore() {
        return new InMemoryTaskStore(RETENTION);
    }
}
