package dev.tasksservice.domain;

class InMemoryTaskStoreTest extends TaskStoreContract {

    @Override
    protected TaskStore newEmptyStore() {
        return new InMemoryTaskStore();
    }
}
