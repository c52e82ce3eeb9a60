using Microsoft.AspNetCore.Mvc;
using Portal.Infrastructure.Customers;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Invoices;

/// <summary>One invoice with its lines. Another customer's invoice, or one outside the link, is a 404.</summary>
public class InvoiceModel(CustomerAccountService accounts) : CustomerPageModel
{
    public InvoiceDetail Invoice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string invoiceNumber, CancellationToken ct)
    {
        var invoice = await accounts.GetInvoiceAsync(Scope, invoiceNumber, ct);
        if (invoice is null) return NotFound();
        Invoice = invoice;
        return Page();
    }
}
