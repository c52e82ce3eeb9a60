using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Api.ApiKeys;
using Portal.Api.Auth;
using Portal.Api.Customers;
using Portal.Api.Arrangements;
using Portal.Api.Callbacks;
using Portal.Api.Questions;
using Portal.Api.Hardship;
using Portal.Api.Promises;
using Portal.Api.DirectDebit;
using Portal.Api.Events;
using Portal.Api.Http;
using Portal.Api.Invoices;
using Portal.Api.Messages;
using Portal.Api.Templates;
using Portal.Api.Organisations;
using Portal.Api.PayLinks;
using Portal.Api.PaymentSettings;

namespace Portal.Api;

/// <summary>Registers and maps the ERP-facing API v1.</summary>
public static class PortalApi
{
    public const string AuthorizationPolicy = "Erp";

    public static IServiceCollection AddPortalApi(this IServiceCollection services)
    {
        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(AuthorizationPolicy, p => p.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser());
        services.AddProblemDetails();
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
            o.SerializerOptions.AllowDuplicateProperties = false;
            // The web defaults read "10" as 10; an amount sent as text is the ERP's mistake, so it is 422 naming the field.
            o.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        services.AddOpenApi("v1", o => o.AddDocumentTransformer<ApiDocumentTransformer>());
        return services;
    }

    /// <param name="rateLimitPolicy">The host's rate limit policy for API calls, per key.</param>
    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder app, string? rateLimitPolicy = null)
    {
        var api = app.MapGroup("/api/v1").RequireAuthorization(AuthorizationPolicy);
        if (rateLimitPolicy is not null) api.RequireRateLimiting(rateLimitPolicy);
        ((IEndpointConventionBuilder)api).Finally(QueryValues.Guard);
        api.MapCustomerEndpoints();
        api.MapInvoiceEndpoints();
        api.MapPayLinkEndpoints();
        api.MapEventEndpoints();
        api.MapWebhookEndpointEndpoints();
        api.MapPaymentSettingsEndpoints();
        api.MapCreditEndpoints();
        api.MapOrganisationEndpoints();
        api.MapApiKeyEndpoints();
        api.MapMessageEndpoints();
        api.MapMessageSettingsEndpoints();
        api.MapTemplateEndpoints();
        api.MapDirectDebitEndpoints();
        api.MapArrangementEndpoints();
        api.MapCallbackEndpoints();
        api.MapQuestionEndpoints();
        api.MapHardshipEndpoints();
        api.MapPromiseEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
