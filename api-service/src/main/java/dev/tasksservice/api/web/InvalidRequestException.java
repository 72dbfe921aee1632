package dev.tasksservice.api.web;

/** A request the API cannot take; {@code field} names the part at fault (a body field, a parameter or a header). */
class InvalidRequestException extends RuntimeException {

    private final String field;

    InvalidRequestException(String field, String reason) {
        super(reason);
        this.field = field;
    }

    String field() {
        return field;
    }
}
