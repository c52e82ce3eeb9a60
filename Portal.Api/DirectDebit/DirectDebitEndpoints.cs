using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Infrastructure.DirectDebit;

namespace Portal.Api.DirectDebit;

public static class DirectDebitEndpoints
{
    public static RouteGroupBuilder MapDirectDebitEndpoints(this RouteGroupBuilder api)
    {
        var settings = api.MapGroup("/direct-debit-settings").WithTags("Direct debit");
        settings.MapGet("/", GetSettings).WithName("GetDirectDebitSettings")
            .WithSummary("Whether customers may set up direct debit, the days they may choose, the pre-notification lead and your creditor id")
            .Produces<DirectDebitSettingsResponse>();
        settings.MapPut("/", PutSettings).WithName("PutDirectDebitSettings")
            .WithSummary("Switch direct debit on or off and set its rules")
            .WithDescription("enabled; allowedDays: days of the month 1 to 31 (29 to 31 fall back to the month's last business day); leadBusinessDays: "
                + "1 to 20 business days between the notice and the collection; firstPaymentAmount: 0.01 to 10.00, the iDEAL payment that sets up a "
                + "mandate; creditorId: your SEPA creditor identifier (mod 97-10 checked), required to switch it on.")
            .Accepts<DirectDebitSettingsRequest>("application/json")
            .Produces<DirectDebitSettingsResponse>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);

        var customers = api.MapGroup("/customers/{customerRef}").WithTags("Direct debit");
        customers.MapGet("/direct-debit", View).WithName("GetCustomerDirectDebit")
            .WithSummary("A customer's direct debit: the mandate (IBAN masked), the day, the next collection and what it takes")
            .Produces<CustomerDirectDebitResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        customers.MapPost("/mandates", Register).WithName("RegisterMandate")
            .WithSummary("Register a SEPA mandate you already hold (signed on paper or in your own systems)")
            .WithDescription("The mandate is created at Mollie and replaces any mandate the customer had (mandate.revoked, then mandate.created). "
                + "iban is checked (mod 97) and kept only masked; mandateReference must be new.")
            .Accepts<SignedMandateRequest>("application/json")
            .Produces<CustomerDirectDebitResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        customers.MapDelete("/mandates", End).WithName("EndMandate")
            .WithSummary("End the customer's direct debit: the mandate is revoked here and at Mollie (mandate.revoked)")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetSettings(ClaimsPrincipal user, DirectDebitService directDebit, CancellationToken ct) =>
        TypedResults.Ok(DirectDebitSettingsResponse.Of(await directDebit.PolicyAsync(user.OrganisationId(), ct)));

    private static async Task<IResult> PutSettings(HttpRequest request, ClaimsPrincipal user, DirectDebitService directDebit, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<DirectDebitSettingsRequest>(request);
        if (problem is not null) return problem;
        var (policy, errors) = body!.Check();
        if (policy is null) return ApiProblems.Validation(errors);
        await directDebit.SetPolicyAsync(user.OrganisationId(), policy, user.Actor(), ct);
        return TypedResults.Ok(DirectDebitSettingsResponse.Of(await directDebit.PolicyAsync(user.OrganisationId(), ct)));
    }

    private static async Task<IResult> View(string customerRef, ClaimsPrincipal user, DirectDebitService directDebit, CancellationToken ct)
    {
        if (!RequestMapping.IsValidKey(customerRef)) return ApiProblems.Validation("customerRef", RequestMapping.KeyRule("customerRef"));
        var view = await directDebit.ViewAsync(user.OrganisationId(), customerRef, ct);
        return view is null ? ApiProblems.NotFound($"There is no customer '{customerRef}'.") : TypedResults.Ok(CustomerDirectDebitResponse.Of(view));
    }

    private static async Task<IResult> Register(string customerRef, HttpRequest request, ClaimsPrincipal user, DirectDebitService directDebit,
        TimeProvider clock, CancellationToken ct)
    {
        if (!RequestMapping.IsValidKey(customerRef)) return ApiProblems.Validation("customerRef", RequestMapping.KeyRule("customerRef"));
        var (body, problem) = await JsonBody.ReadAsync<SignedMandateRequest>(request);
        if (problem is not null) return problem;
        var (signed, errors) = body!.Check(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (signed is null) return ApiProblems.Validation(errors);
        var result = await directDebit.RegisterAsync(user.OrganisationId(), customerRef, signed, user.Actor(), ct);
        if (result.Unavailable)
            return TypedResults.Problem("Mollie could not be reached to create the mandate; nothing was stored. Try again in a minute.",
                statusCode: StatusCodes.Status503ServiceUnavailable, title: "The payment provider is unavailable.");
        if (result.View is not { } view)
            return result.Errors is [{ Field: "customerRef" } missing] ? ApiProblems.NotFound(missing.Message) : ApiProblems.Validation(result.Errors);
        return TypedResults.Created($"/api/v1/customers/{Uri.EscapeDataString(customerRef)}/direct-debit", CustomerDirectDebitResponse.Of(view));
    }

    private static async Task<IResult> End(string customerRef, ClaimsPrincipal user, DirectDebitService directDebit, CancellationToken ct)
    {
        if (!RequestMapping.IsValidKey(customerRef)) return ApiProblems.Validation("customerRef", RequestMapping.KeyRule("customerRef"));
        return await directDebit.StopAsync(user.OrganisationId(), customerRef, "ended by the organisation", user.Actor(), ct) switch
        {
            null => ApiProblems.NotFound($"There is no customer '{customerRef}'."),
            false => ApiProblems.NotFound($"Customer '{customerRef}' has no mandate to end."),
            true => TypedResults.NoContent(),
        };
    }
}
