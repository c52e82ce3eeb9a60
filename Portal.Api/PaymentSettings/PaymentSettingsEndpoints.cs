using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Infrastructure.Organisations;

namespace Portal.Api.PaymentSettings;

public static class PaymentSettingsEndpoints
{
    public static RouteGroupBuilder MapPaymentSettingsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/payment-settings").WithTags("Payment settings");
        group.MapGet("/", Get).WithName("GetPaymentSettings").WithSummary("How your customers may pay").Produces<PaymentSettingsResponse>();
        group.MapPut("/", Put).WithName("PutPaymentSettings")
            .WithSummary("Let customers pay part of what they owe, from a minimum amount, or stop it; refund overpayments or keep them as credit")
            .WithDescription("With partialPayments true, a customer may pay any amount from partialPaymentMinimum up to what they chose; the part goes to the invoice that was due first. Payments already started keep their amount. With refundOverpayments true, money that arrives for an invoice that no longer needs it (paid twice, or cancelled while the payment was open) is refunded through Mollie; otherwise it is kept as a credit on the customer (GET /api/v1/customers/{customerRef}/credits). Either way the feed carries payment.unallocated.")
            .Accepts<PaymentSettingsRequest>("application/json")
            .Produces<PaymentSettingsResponse>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return group;
    }

    private static async Task<IResult> Get(ClaimsPrincipal user, PaymentSettingsService settings, CancellationToken ct) =>
        TypedResults.Ok(Response(await settings.GetAsync(user.OrganisationId(), ct)));

    private static async Task<IResult> Put(HttpRequest request, ClaimsPrincipal user, PaymentSettingsService settings, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<PaymentSettingsRequest>(request);
        if (problem is not null) return problem;
        var (chosen, errors) = body!.Check();
        if (chosen is null) return ApiProblems.Validation(errors);
        await settings.SetAsync(user.OrganisationId(), chosen, user.Actor(), ct);
        return TypedResults.Ok(Response(chosen));
    }

    private static PaymentSettingsResponse Response(PaymentSettingsService.Settings s) =>
        new(s.PartialPaymentMinimumMinor is not null, s.PartialPaymentMinimumMinor is { } m ? RequestMapping.Major(m, "EUR") : null, s.RefundOverpayments);
}
