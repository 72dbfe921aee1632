package dev.tasksservice.infra.asdeployed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * The main class of the function's JVM: does what the Lambda Java runtime does with a handler, and serves its
 * invocations over HTTP on the loopback interface instead of polling the Runtime API.
 *
 * <p>Init: loads the handler class and creates it with its no-arg constructor (for Spring Cloud Function's
 * FunctionInvoker this starts Spring), then prints {@code READY <port> <initMillis>} on stdout; when that throws,
 * prints {@code INIT_FAILED} and the error on stderr and exits with 1. Then: {@code POST /invoke} runs
 * {@code handleRequest(InputStream, OutputStream, Context)}, {@code GET /calls} lists the AWS calls recorded by
 * {@link AwsCallRecorder} as a JSON array, {@code POST /calls/clear} forgets them.
 *
 * <p>Uses only the JDK and what the function's jar brings (the AWS SDK, aws-lambda-java-core), reflectively for the
 * latter: the harness's own dependencies are not on this JVM's class path.
 */
public final class LambdaRuntimeEmulator {

    private static final String CONTEXT_CLASS = "com.amazonaws.services.lambda.runtime.Context";
    private static final String LOGGER_CLASS = "com.amazonaws.services.lambda.runtime.LambdaLogger";
    /** Lambda's default timeout is 3 s; a test harness gives the function longer unless told otherwise. */
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final Object handler;
    private final Method handleRequest;
    private final Class<?> contextType;
    private final Class<?> loggerType;

    private LambdaRuntimeEmulator(Object handler, Method handleRequest) throws ClassNotFoundException {
        this.handler = handler;
        this.handleRequest = handleRequest;
        ClassLoader loader = handler.getClass().getClassLoader();
        this.contextType = Class.forName(CONTEXT_CLASS, false, loader);
        this.loggerType = Class.forName(LOGGER_CLASS, false, loader);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LambdaRuntimeEmulator <handler class>[::<method>]");
            System.exit(2);
        }
        // The function may replace System.out; the harness reads READY from the stream it started with.
        PrintStream stdout = System.out;
        long start = System.nanoTime();
        LambdaRuntimeEmulator emulator;
        try {
            emulator = init(args[0]);
        } catch (Throwable e) {
            reportInitFailure(e);
            System.exit(1);
            return;
        }
        long initMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        HttpServer server = emulator.serve();
        stdout.println("READY " + server.getAddress().getPort() + " " + initMillis);
        stdout.flush();
    }

    /** The init phase: the handler's class, loaded and constructed as the Lambda runtime does. */
    private static LambdaRuntimeEmulator init(String handlerSpec) throws ReflectiveOperationException {
        String[] parts = handlerSpec.split("::", 2);
        String methodName = parts.length == 2 ? parts[1] : "handleRequest";
        Class<?> type = Class.forName(parts[0], true, ClassLoader.getSystemClassLoader());
        Object handler = type.getDeclaredConstructor().newInstance();
        Class<?> contextType = Class.forName(CONTEXT_CLASS, false, type.getClassLoader());
        Method method;
        try {
            method = type.getMethod(methodName, InputStream.class, OutputStream.class, contextType);
        } catch (NoSuchMethodException e) {
            throw new NoSuchMethodException(type.getName() + " has no public " + methodName
                    + "(InputStream, OutputStream, Context): only stream handlers are emulated");
        }
        return new LambdaRuntimeEmulator(handler, method);
    }

    /** The error first, cause by cause, so the first lines say why; then the whole stack trace. */
    private static void reportInitFailure(Throwable e) {
        Throwable error = unwrap(e);
        StringBuilder summary = new StringBuilder("INIT_FAILED ").append(error);
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            summary.append(System.lineSeparator()).append("  caused by ").append(cause);
        }
        System.err.println(summary);
        error.printStackTrace(System.err);
        System.err.flush();
    }

    private HttpServer serve() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // Invocations may overlap, as on several Lambda instances; each runs on its own thread.
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/invoke", exchange -> handle(exchange, "POST", this::invoke));
        server.createContext(
                "/calls/clear",
                exchange -> handle(exchange, "POST", body -> {
                    AwsCallRecorder.clear();
                    return new Response(204, new byte[0]);
                }));
        server.createContext("/calls", exchange -> handle(exchange, "GET", body -> new Response(200, callsJson())));
        server.start();
        return server;
    }

    private record Response(int status, byte[] body) {}

    private interface Route {
        Response answer(byte[] requestBody) throws IOException;
    }

    private static void handle(HttpExchange exchange, String method, Route route) throws IOException {
        try (exchange) {
            Response response = exchange.getRequestMethod().equals(method)
                    ? route.answer(exchange.getRequestBody().readAllBytes())
                    : new Response(405, new byte[0]);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                exchange.getResponseBody().write(response.body());
            }
        }
    }

    /** One invocation: 200 and the handler's output, or 500 and the error as the Lambda Java runtime reports it. */
    private Response invoke(byte[] event) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            handleRequest.invoke(handler, new ByteArrayInputStream(event), output, context());
            return new Response(200, output.toByteArray());
        } catch (Throwable e) {
            Throwable error = unwrap(e);
            System.err.println("Invocation failed:");
            error.printStackTrace(System.err);
            return new Response(500, errorJson(error).getBytes(StandardCharsets.UTF_8));
        }
    }

    private static Throwable unwrap(Throwable e) {
        Throwable error = e;
        while (error instanceof InvocationTargetException && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    /** A Lambda Context for one invocation, answering from the runtime's environment variables. */
    private Object context() {
        String requestId = UUID.randomUUID().toString();
        Instant deadline = Instant.now().plus(timeout());
        String functionName = env("AWS_LAMBDA_FUNCTION_NAME", "function");
        String region = env("AWS_REGION", "us-east-1");
        Object logger = Proxy.newProxyInstance(loggerType.getClassLoader(), new Class<?>[] {loggerType}, (p, m, a) -> {
            if (m.getName().equals("log") && a != null && a.length > 0) {
                System.err.println(a[0] instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : a[0]);
                return null;
            }
            return objectMethod(p, m, a);
        });
        return Proxy.newProxyInstance(contextType.getClassLoader(), new Class<?>[] {contextType}, (p, m, a) -> {
            return switch (m.getName()) {
                case "getAwsRequestId" -> requestId;
                case "getFunctionName" -> functionName;
                case "getFunctionVersion" -> env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
                case "getInvokedFunctionArn" -> "arn:aws:lambda:" + region + ":123456789012:function:" + functionName;
                case "getMemoryLimitInMB" -> Integer.parseInt(env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024"));
                case "getRemainingTimeInMillis" ->
                    (int) Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
                case "getLogGroupName" -> env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
                case "getLogStreamName" -> env("AWS_LAMBDA_LOG_STREAM_NAME", "local");
                case "getLogger" -> logger;
                case "getClientContext", "getIdentity" -> null;
                default -> objectMethod(p, m, a);
            };
        });
    }

    /** Object's methods for a proxy; a default method of the interface runs as written; anything else is null. */
    private static Object objectMethod(Object proxy, Method method, Object[] args) throws Throwable {
        return switch (method.getName()) {
            case "toString" -> "Lambda " + method.getDeclaringClass().getSimpleName() + " (emulated)";
            case "hashCode" -> System.identityHashCode(proxy);
            case "equals" -> proxy == args[0];
            default -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : null;
        };
    }

    private static Duration timeout() {
        String seconds = System.getenv("AWS_LAMBDA_FUNCTION_TIMEOUT");
        return seconds == null ? DEFAULT_TIMEOUT : Duration.ofSeconds(Long.parseLong(seconds));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    private static byte[] callsJson() {
        return AwsCallRecorder.calls().stream()
                .map(call -> "{\"service\":" + json(call.service()) + ",\"operation\":" + json(call.operation())
                        + ",\"resource\":" + json(call.resource()) + "}")
                .collect(Collectors.joining(",", "[", "]"))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Lambda's error document: {@code {"errorType":...,"errorMessage":...,"stackTrace":[...]}}. */
    private static String errorJson(Throwable error) {
        List<String> frames = Arrays.stream(error.getStackTrace())
                .map(StackTraceElement::toString)
                .toList();
        return "{\"errorType\":" + json(error.getClass().getName()) + ",\"errorMessage\":" + json(error.getMessage())
                + ",\"stackTrace\":"
                + frames.stream().map(LambdaRuntimeEmulator::json).collect(Collectors.joining(",", "[", "]"))
                + "}";
    }

    private static String json(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
