package dev.tasksservice.infra;

import software.amazon.awscdk.services.lambda.Code;

/** The code of the Lambdas: the scheduler functions (three Lambdas share it) and the API. */
public record LambdaCode(Code functions, Code api) {

    public static LambdaCode fromJars(LambdaJars jars) {
        return new LambdaCode(
                Code.fromAsset(jars.functions().toString()),
                Code.fromAsset(jars.api().toString()));
    }
}
