using Microsoft.AspNetCore.Mvc;
using Portal.Domain;
using Portal.Domain.Payments;
using Portal.Infrastructure.Payments;
using Portal.Infrastructure.Payments.Mollie;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Pay;

/// <summary>Back from the bank: shows the payment's true state, asking the provider first in case its webhook is late.</summary>
public class ReturnModel(PaymentService payments, PaymentSyncService sync) : CustomerPageModel
{
    public Guid PaymentId { get; private set; }
    public PaymentStatus Status { get; private set; }
    public Money Amount { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid paymentId, CancellationToken ct)
    {
        if (await payments.FindAsync(Link, paymentId, ct) is null) return NotFound();
        try
        {
            await sync.SyncAsync(paymentId, ct);
        }
        catch (MollieApiException e) when (e.IsTransient)
        {
            // Show what Portal knows; the webhook or the next look will bring the rest.
        }
        (Status, Amount) = (await payments.FindAsync(Link, paymentId, ct))!.Value;
        PaymentId = paymentId;
        return Page();
    }
}
