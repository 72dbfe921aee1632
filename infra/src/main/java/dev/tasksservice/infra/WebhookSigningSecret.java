package dev.tasksservice.infra;

import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.secretsmanager.Secret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The secret with which the executor signs every webhook it sends (Standard Webhooks: {@code webhook-signature}
 * {@code v1,<HMAC-SHA256>}), one per stage, in Secrets Manager. CloudFormation generates it at the first deployment:
 * {@value #LENGTH} letters and digits, which read as base64 are {@value #KEY_BYTES} random bytes, the form the
 * receivers' libraries take (with or without the {@code whsec_} prefix).
 *
 * <p>Rotation: put the new secret first and the old one after it, separated by a space
 * ({@code aws secretsmanager put-secret-value --secret-id tasksWebhookSecret-<stage> --secret-string
 * "whsec_<new> whsec_<old>"}); every webhook then carries a signature for each, so receivers move to the new one at
 * their own pace. Once they have, put the new one alone. Executors read the secret when they start.
 */
public class WebhookSigningSecret extends Construct {

    /** Characters of the generated secret: a multiple of 4, so the whole of it is base64 without padding. */
    public static final int LENGTH = 48;

    public static final int KEY_BYTES = LENGTH / 4 * 3;

    private final Secret secret;

    public WebhookSigningSecret(Construct scope, String id, ResourceNames names) {
        super(scope, id);
        secret = Secret.Builder.create(this, "Secret")
                .secretName(names.webhookSecret())
                .description("Signs the webhooks of Tasks Service stage " + names.stage()
                        + ". To rotate, put \"whsec_<new> whsec_<old>\"; later the new one alone.")
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(LENGTH)
                        .excludePunctuation(true)
                        .includeSpace(false)
                        .build())
                // Receivers verify with it: production keeps it even if the stack goes, as it keeps its table.
                .removalPolicy(names.isProduction() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
    }

    /** The secret's ARN, which the executor reads it by. */
    public String arn() {
        return secret.getSecretArn();
    }

    /**
     * Lets {@code grantee} read the secret's value, and nothing else ({@code grantRead} adds DescribeSecret, which the
     * executor does not call).
     */
    public void grantRead(IGrantable grantee) {
        grantee.getGrantPrincipal()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .actions(List.of("secretsmanager:GetSecretValue"))
                        .resources(List.of(secret.getSecretArn()))
                        .build());
    }
}
