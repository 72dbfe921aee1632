package dev.tasksservice.api.lambda;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.InitializationWrapper;
import com.amazonaws.serverless.proxy.internal.LambdaContainerHandler;
import com.amazonaws.serverless.proxy.model.AwsProxyRequest;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.spring.SpringBootLambdaContainerHandler;
import com.amazonaws.serverless.proxy.spring.SpringBootProxyHandlerBuilder;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.tasksservice.api.TasksApiApplication;
import dev.tasksservice.domain.port.out.TaskMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The tasks API as a Lambda function behind an API Gateway REST API (proxy integration); handler
 * {@code dev.tasksservice.api.lambda.StreamLambdaHandler::handleRequest}.
 *
 * <p>Requests reach Spring MVC through the serverless container's own servlet environment, so no embedded web server
 * starts. The API runs in profile {@code aws}: the region's endpoints, the default credentials chain, and the table
 * made by the deployment.
 */
public class StreamLambdaHandler implements RequestStreamHandler {

    private final SpringBootLambdaContainerHandler<AwsProxyRequest, AwsProxyResponse> api;
    private final TaskMetrics metrics;

    /** Lambda constructs the handler once per execution environment, in its init phase. */
    public StreamLambdaHandler() {
        // The stage ("/dev") becomes the servlet context path: Location headers and the OpenAPI server URL then carry
        // it, as the URLs that reach API Gateway do.
        LambdaContainerHandler.getContainerConfig().setUseStageAsServletContext(true);
        try {
            api = new SpringBootProxyHandlerBuilder<AwsProxyRequest>()
                    .defaultProxy()
                    // Start completely before the init phase ends (the builder's default would return early and
                    // finish in the background), so a SnapStart snapshot holds a started API.
                    .initializationWrapper(new InitializationWrapper())
                    .springBootApplication(TasksApiApplication.class)
                    .profiles("aws")
                    .buildAndInitialize();
        } catch (ContainerInitializationException e) {
            throw new IllegalStateException("The tasks API could not start: " + e.getMessage(), e);
        }
        metrics = metricsOf(api);
    }

    /** The application's metrics (EMF on Lambda, see tasks-metrics). */
    private static TaskMetrics metricsOf(SpringBootLambdaContainerHandler<?, ?> api) {
        WebApplicationContext context = WebApplicationContextUtils.getWebApplicationContext(api.getServletContext());
        return context == null
                ? TaskMetrics.NONE
                : context.getBeanProvider(TaskMetrics.class).getIfAvailable(() -> TaskMetrics.NONE);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            api.proxyStream(input, output, context);
        } finally {
            // The request's metrics, as an EMF line in the function's log.
            metrics.flush();
        }
    }
}
