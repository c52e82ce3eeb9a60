using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Portal.Infrastructure;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.Payments;
using Portal.Web.Customers;

namespace Portal.Web.Pages.Pay;

/// <summary>Which invoices to pay; then on to the bank's checkout. Two clicks or two tabs get the same payment.</summary>
public class IndexModel(CustomerAccountService accounts, PaymentService payments, IOptions<PortalOptions> options,
    IStringLocalizer<SharedResource> texts) : CustomerPageModel
{
    public IReadOnlyList<OpenInvoice> Open { get; private set; } = [];

    [BindProperty]
    public List<string> Invoices { get; set; } = [];

    /// <summary>ideal, or transfer when the customer pays from their own bank.</summary>
    [BindProperty]
    public string? Method { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Redirect("/overview");
        Invoices = Open.Select(i => i.InvoiceNumber).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct)) return Redirect("/overview");
        Invoices = Invoices.Intersect(Open.Select(i => i.InvoiceNumber)).ToList();
        if (Invoices.Count == 0)
        {
            ModelState.AddModelError(nameof(Invoices), texts["Pay.ChooseInvoice"]);
            return Page();
        }
        if (Method == "transfer")
            return SeeOther("/pay/transfer?" + string.Join("&", Invoices.Select(n => "invoices=" + Uri.EscapeDataString(n))));
        var self = string.IsNullOrEmpty(options.Value.PublicBaseUrl) ? $"{Request.Scheme}://{Request.Host}{Request.PathBase}" : options.Value.PublicBaseUrl.TrimEnd('/');
        var result = await payments.StartAsync(new PaymentService.StartRequest(Link, Invoices, "ideal", self + "/pay/return",
            self + "/webhooks/mollie", CultureInfo.CurrentUICulture.TwoLetterISOLanguageName switch { "nl" => "nl_NL", "pl" => "pl_PL", _ => "en_US" }), ct);
        return result.Outcome switch
        {
            PaymentService.StartOutcome.Redirect => SeeOther(result.CheckoutUrl!),
            PaymentService.StartOutcome.ProviderUnavailable => StatusCode(StatusCodes.Status503ServiceUnavailable),
            _ => SeeOther("/overview"),
        };
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        Open = (await accounts.GetAccountAsync(Link, ct))?.OpenInvoices ?? [];
        return Open.Count > 0;
    }

    private StatusCodeResult SeeOther(string url)
    {
        Response.Headers.Location = url;
        return StatusCode(StatusCodes.Status303SeeOther);
    }
}
