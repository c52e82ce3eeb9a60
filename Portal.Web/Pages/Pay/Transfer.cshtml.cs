using Microsoft.AspNetCore.Mvc;
using Portal.Infrastructure.Payments;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Pay;

/// <summary>Paying by bank transfer: account, amount and a structured reference, each easy to copy, and the EPC QR.</summary>
public class TransferModel(BankTransferService transfers) : CustomerPageModel
{
    public BankTransferService.Instructions Transfer { get; private set; } = null!;

    /// <param name="part">Minor units, when the customer chose to pay part.</param>
    public async Task<IActionResult> OnGetAsync([FromQuery] List<string> invoices, [FromQuery] long? part, CancellationToken ct)
    {
        var transfer = await transfers.ForAsync(Scope, invoices, part, ct);
        if (transfer is null) return Redirect("/overview");
        Transfer = transfer;
        return Page();
    }
}
