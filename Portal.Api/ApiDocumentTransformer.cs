using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Portal.Api;

/// <summary>Titles the OpenAPI document and declares the bearer API key every operation needs.</summary>
public sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Portal ERP API",
            Version = "v1",
            Description = "Push customers and invoices, read what was paid, and make pay links. Send your key as 'Authorization: Bearer YOUR_API_KEY'. " +
                          "Amounts are JSON numbers in major units (125.50); dates are yyyy-MM-dd. Errors are RFC 9457 problem+json naming the field.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["ApiKey"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "Your organisation's API key.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("ApiKey", document)] = [] }];
        foreach (var path in document.Paths.Values)
        {
            if (path.Operations is null || !path.Operations.TryGetValue(HttpMethod.Post, out var post)) continue;
            post.Parameters ??= [];
            post.Parameters.Add(new OpenApiParameter
            {
                Name = "Idempotency-Key",
                In = ParameterLocation.Header,
                Required = false,
                Description = "Send the same key when you retry: the first response comes back with 'Idempotent-Replayed: true' and nothing is done twice. " +
                              "The same key with another request is 422; while the first is still running, 409. Keys are per organisation and kept 48 hours.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
            });
        }
        return Task.CompletedTask;
    }
}
