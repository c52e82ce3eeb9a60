using Portal.Domain.PayLinks;
using Portal.Infrastructure.Customers;
using Portal.Infrastructure.PayLinks;

namespace Portal.Web.Customers;

/// <summary>The pay link itself, and the organisation's brand assets the customer's pages use.</summary>
public static class CustomerEndpoints
{
    public static void MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/p/{token}", OpenPayLink).ExcludeFromDescription().RequireRateLimiting(Setup.RateLimits.PayLink);
        app.MapGet("/qr/pay-link.svg", PayLinkQr).ExcludeFromDescription().RequireRateLimiting(Setup.RateLimits.Pages);
        app.MapGet("/pay/transfer/qr.svg", TransferQr).ExcludeFromDescription().RequireRateLimiting(Setup.RateLimits.Pages);
        app.MapGet("/brand/{organisationId:long}/logo", Logo).ExcludeFromDescription();
        app.MapGet("/brand/{organisationId:long}/brand.css", BrandCss).ExcludeFromDescription();
    }

    /// <summary>
    /// Swaps the token for a session cookie and sends the customer on to a URL without it (303). Unknown and
    /// malformed tokens get the same 404; expired and revoked links get a 410 that says how to get a new one.
    /// </summary>
    /// <summary>
    /// Where a message may send the customer straight after opening their link (<c>/p/{token}?to=direct-debit</c>), by
    /// name: only these pages, so the link cannot be made to lead anywhere else.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> Landings = new Dictionary<string, string>
    {
        ["direct-debit"] = "/direct-debit",
        ["plan"] = "/plan",
        ["callback"] = "/callback/done",
        ["questions"] = "/questions",
    };

    private static async Task<IResult> OpenPayLink(string token, string? to, HttpContext http, PayLinkService payLinks,
        CustomerAccountService accounts, CustomerContext customer, CancellationToken ct)
    {
        var link = await payLinks.ResolveAsync(token, ct);
        if (!link.Found) return Results.StatusCode(StatusCodes.Status404NotFound);
        customer.Link = link;
        customer.Organisation = await accounts.GetBrandAsync(link.OrganisationId, link.OrganisationVersion, ct);
        if (link.State != PayLinkState.Active) return Results.StatusCode(StatusCodes.Status410Gone);

        var language = await accounts.GetLanguageAsync(link.CustomerId, ct);
        await CustomerSession.SignInAsync(http, link, language, customer.Organisation?.Languages);
        return new SeeOther(to is not null && Landings.TryGetValue(to, out var landing) ? landing : "/overview");
    }

    /// <summary>The customer's own pay link as a QR code, for the printed invoice. Only with a working session.</summary>
    private static async Task<IResult> PayLinkQr(HttpContext http, PayLinkService payLinks, QrCodeRenderer qr, Portal.Infrastructure.PublicLinks links,
        CancellationToken ct)
    {
        var link = await CustomerSession.LinkAsync(http);
        if (!link.IsActive) return Results.NotFound();
        var token = await payLinks.RecoverTokenAsync(link.OrganisationId, link.PayLinkId, ct);
        if (token is null) return Results.NotFound();
        return Results.Text(qr.Svg(links.PayLink(http.Request, token)), "image/svg+xml");
    }

    /// <summary>The EPC QR for a bank transfer of the session's own invoices.</summary>
    private static async Task<IResult> TransferQr(HttpContext http, [Microsoft.AspNetCore.Mvc.FromQuery] string[] invoices, long? part,
        Portal.Infrastructure.Payments.BankTransferService transfers, CancellationToken ct)
    {
        var link = await CustomerSession.LinkAsync(http);
        if (!link.IsActive) return Results.NotFound();
        var transfer = await transfers.ForAsync(CustomerScope.Of(link), invoices, part, ct);
        return transfer is null ? Results.NotFound() : Results.Text(Portal.Infrastructure.Payments.BankTransferService.EpcQrSvg(transfer), "image/svg+xml");
    }

    private static async Task<IResult> Logo(long organisationId, long? v, HttpContext http, CustomerAccountService accounts, CancellationToken ct)
    {
        var logo = await accounts.GetLogoAsync(organisationId, ct);
        if (logo is null) return Results.NotFound();
        CacheBrandAsset(http, logo.Version == v);
        return Results.File(logo.Logo, logo.ContentType);
    }

    private static async Task<IResult> BrandCss(long organisationId, long? v, HttpContext http, CustomerAccountService accounts, CancellationToken ct)
    {
        var brand = await accounts.GetBrandAsync(organisationId, v, ct);
        if (brand is null) return Results.NotFound();
        CacheBrandAsset(http, brand.Version == v);
        var text = Portal.Domain.Organisations.BrandColours.TextColourOn(brand.BrandColour);
        return Results.Text($":root{{--brand:{brand.BrandColour};--brand-text:{text};}}\n", "text/css");
    }

    /// <summary>
    /// The layout asks for brand assets with the organisation's version stamp (<c>?v=</c>): what answers that address
    /// never changes, because a change gives the organisation a new stamp, so browsers keep it a year. Without the
    /// current stamp the browser must ask again each time.
    /// </summary>
    private static void CacheBrandAsset(HttpContext http, bool versioned) =>
        http.Response.Headers.CacheControl = versioned ? "public, max-age=31536000, immutable" : "no-cache";

    /// <summary>303 See Other: the browser follows with a GET and the token-free URL replaces the link in history.</summary>
    private sealed class SeeOther(string location) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = StatusCodes.Status303SeeOther;
            http.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
