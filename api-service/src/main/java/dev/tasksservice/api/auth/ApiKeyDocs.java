package dev.tasksservice.api.auth;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document says how to send a key, either way the API takes it, so Swagger UI's "Authorize" can send one.
 */
@Configuration(proxyBeanMethods = false)
class ApiKeyDocs {

    @Bean
    OpenApiCustomizer apiKeySecuritySchemes() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents()
                    .addSecuritySchemes(
                            "bearer",
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.HTTP)
                                    .scheme("bearer")
                                    .description("Authorization: Bearer <API key>"))
                    .addSecuritySchemes(
                            "apiKey",
                            new SecurityScheme()
                                    .type(SecurityScheme.Type.APIKEY)
                                    .in(SecurityScheme.In.HEADER)
                                    .name(PresentedKey.API_KEY_HEADER)
                                    .description("x-api-key: <API key>"));
            openApi.addSecurityItem(new SecurityRequirement().addList("bearer"));
            openApi.addSecurityItem(new SecurityRequirement().addList("apiKey"));
        };
    }
}
