package dev.tasksservice.api.web;

import java.io.IOException;

/** Thrown while reading a request body that exceeds the limit. */
class RequestBodyTooLargeException extends IOException {

    RequestBodyTooLargeException(long maxBytes) {
        super("The request body is larger than " + maxBytes + " bytes");
    }
}
