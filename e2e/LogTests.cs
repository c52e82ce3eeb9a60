using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Portal.Domain.PayLinks;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// ACCEPTANCE 19: after the ERP's and the customer's journeys, nothing the app logged holds an issued pay-link token or
/// an API key, at the log levels the app ships with.
/// </summary>
public sealed partial class LogTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [BrowserFact]
    public async Task After_the_journeys_the_log_holds_no_pay_link_token_and_no_API_key()
    {
        var account = portal.Account;
        // The IBAN shown on the transfer page and in its QR code: no full IBAN belongs in a log (ACCEPTANCE 19).
        List<string> secrets = [account.PayLinkToken, account.RevokedPayLinkToken, account.ApiKey, "NL91ABNA0417164300"];

        // The ERP asks for a pay link with its key; someone tries a made-up key.
        using var http = new HttpClient { BaseAddress = portal.BaseAddress };
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/pay-links")
        {
            Content = JsonContent.Create(new { customerRef = TestData.CustomerRef }),
        };
        create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.ApiKey);
        using var created = await http.SendAsync(create);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var url = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString().ShouldNotBeNull();
        var token = url[(url.LastIndexOf('/') + 1)..];
        token.Length.ShouldBe(PayLinkToken.Length);
        secrets.Add(token);
        var madeUpKey = "pk_" + PayLinkToken.Create();
        secrets.Add(madeUpKey);
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/api/v1/invoices");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", madeUpKey);
        (await http.SendAsync(wrong)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        // The customer opens the new link and prints an invoice with its QR code (which holds the token)...
        await using (var context = await portal.NewContextAsync())
        {
            var page = await context.NewPageAsync();
            (await page.GotoAsync(url)).ShouldNotBeNull().Status.ShouldBe(200);
            await page.GotoAsync($"/invoices/{account.FirstInvoiceNumber}");
            (await page.GotoAsync("/qr/pay-link.svg")).ShouldNotBeNull().Status.ShouldBe(200);
        }
        // ...and every page, error and form state is visited once more.
        var crawler = new SiteCrawler(portal);
        await crawler.VisitEveryPageAsync("nl", 1280, (_, _, _) => Task.CompletedTask);
        secrets.AddRange(crawler.TokensUsed);

        var lines = portal.LogLines;
        lines.ShouldNotBeEmpty("Nothing was logged at all, so this test would prove nothing.");
        var leaks = lines.Where(line => secrets.Any(s => line.Contains(s, StringComparison.Ordinal)) || ApiKeyShape().IsMatch(line)).ToList();
        leaks.ShouldBeEmpty($"Secrets in the log:{Environment.NewLine}{string.Join(Environment.NewLine, leaks)}");
        // ACCEPTANCE 34: every page, error and form state was visited, and nothing reached the error handler unhandled.
        var unhandled = lines.Where(PageAudit.IsUnhandledException).ToList();
        unhandled.ShouldBeEmpty($"Unhandled exceptions in the log:{Environment.NewLine}{string.Join(Environment.NewLine, unhandled)}");
    }

    // A whole API key, whichever it is; the four-character hint ("pk_abcd…") is allowed.
    [GeneratedRegex("pk_[A-Za-z0-9_-]{8,}")]
    private static partial Regex ApiKeyShape();
}
