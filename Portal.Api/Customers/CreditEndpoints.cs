using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Domain.Payments;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Payments;

namespace Portal.Api.Customers;

public static class CreditEndpoints
{
    public static RouteGroupBuilder MapCreditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/customers/{customerRef}/credits", List).WithTags("Customers").WithName("ListCustomerCredits")
            .WithSummary("Money the customer paid that no invoice needed any more")
            .WithDescription("A payment that arrives for an invoice that was already paid (two payments overlapped) or was cancelled while the payment was open is never added to that invoice. It becomes a credit on the customer, refunded through Mollie where payment-settings say refundOverpayments, otherwise kept for you to settle. The feed tells each one as payment.unallocated, then credit.refunded or credit.refund_failed.")
            .Produces<CreditListResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> List(string customerRef, ClaimsPrincipal user, CustomerCreditService credits, CancellationToken ct)
    {
        var list = await credits.ListAsync(user.OrganisationId(), customerRef, ct);
        if (list is null) return ApiProblems.NotFound($"There is no customer '{customerRef}'.");
        var items = list.Select(c => new CreditResponse(c.Id, c.PaymentId, c.InvoiceNumber, RequestMapping.Major(c.AmountMinor, c.Currency), c.Currency,
            CreditRefunds.ReasonName(c.Reason), CreditRefunds.StatusName(c.Status), c.RefundId, c.RefundError,
            DateTime.SpecifyKind(c.CreatedAtUtc, DateTimeKind.Utc), c.RefundedAtUtc is { } r ? DateTime.SpecifyKind(r, DateTimeKind.Utc) : null)).ToList();
        var outstanding = list.Where(c => c.Status != CreditStatus.Refunded).GroupBy(c => c.Currency)
            .ToDictionary(g => g.Key, g => RequestMapping.Major(g.Sum(c => c.AmountMinor), g.Key));
        return TypedResults.Ok(new CreditListResponse(items, outstanding));
    }
}
