using Microsoft.AspNetCore.Mvc;
using Portal.Domain.Payments;
using Portal.Infrastructure.DirectDebit;
using Portal.Infrastructure.Payments;
using Portal.Web.Customers;

namespace Portal.Web.Pages.DirectDebit;

/// <summary>
/// Back from the bank after the first iDEAL payment: paid, and direct debit is on (the confirmation); still on its way,
/// and the page says so with a way to look again; not paid, and the customer can try again.
/// </summary>
public class ReturnModel(PaymentResultService payments, DirectDebitService directDebit) : CustomerPageModel
{
    public PaymentStatus Status { get; private set; }
    public Guid PaymentId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid paymentId, CancellationToken ct)
    {
        var result = await payments.GetAsync(Scope, paymentId, askProvider: true, ct);
        if (result is null) return NotFound();
        (Status, PaymentId) = (result.Status, result.PaymentId);
        if (Status == PaymentStatus.Paid && (await directDebit.ViewAsync(Scope, ct)).Mandate is { Status: Portal.Domain.DirectDebit.MandateStatus.Valid })
            return SeeOther("/direct-debit/done");
        return Page();
    }
}
