package dev.tasksservice.infra;

import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * What every function of the stack starts from: a log group of its own, so logs expire and go with the stack instead
 * of piling up for ever, and a role of its own that may write to it. Not the default role, whose managed policy may
 * write to every log group in the account; each function then grants its role what it needs besides.
 *
 * @param logs made as {@code Logs} under the function's construct
 * @param role made as {@code Role} under the function's construct
 */
record FunctionLogging(LogGroup logs, Role role) {

    static FunctionLogging create(Construct scope, ResourceNames names) {
        LogGroup logs = LogGroup.Builder.create(scope, "Logs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(names.isProduction() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        Role role = Role.Builder.create(scope, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .build();
        logs.grantWrite(role);
        return new FunctionLogging(logs, role);
    }
}
