using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Portal.E2E.Infrastructure;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// The letter for customers who prefer paper: its PDF, read back by tools that share no code with Portal's, holds the
/// address, what to pay in plain words, the pay link as a QR code that decodes to the link, and the EPC transfer QR
/// code that decodes to the organisation's IBAN, the amount and the RF reference.
/// </summary>
public sealed class LetterTests(PortalFixture portal) : IClassFixture<PortalFixture>
{
    [PrintedLetterFact]
    public async Task The_letter_prints_the_address_the_text_and_two_QR_codes_that_decode_to_the_pay_link_and_the_transfer()
    {
        var account = portal.Account;
        using var erp = new HttpClient { BaseAddress = portal.BaseAddress };
        erp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", account.ApiKey);
        using var queued = await erp.PostAsync("/api/v1/messages", new StringContent(
            """{"customerRef":"E2E-1001","kind":"reminder","channel":"letter"}""", Encoding.UTF8, "application/json"));
        queued.StatusCode.ShouldBe(HttpStatusCode.Accepted, await queued.Content.ReadAsStringAsync());
        var id = JsonDocument.Parse(await queued.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        using var response = await erp.GetAsync($"/api/v1/messages/{id}/letter.pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var pdf = await response.Content.ReadAsByteArrayAsync();

        var text = await Poppler.TextAsync(pdf);
        text.ShouldContain(account.CustomerName);
        text.ShouldContain("Dorpsstraat 1");
        text.ShouldMatch(@"1234 AB\s+VOORBEELD");
        text.ShouldContain($"U moet nog {Texts.DutchAmount(account.TotalDueMinor)} betalen.");
        text.ShouldContain(account.OrganisationName);

        var codes = await Zbar.DecodeAllAsync(await Poppler.FirstPagePngAsync(pdf));
        codes.Count.ShouldBe(2);
        var link = codes.Single(c => c.StartsWith("http", StringComparison.Ordinal));
        link.ShouldMatch(@"/p/[A-Za-z0-9_-]{43}$");
        text.ShouldContain(link, customMessage: "the pay link is written out beside its QR code");
        var epc = codes.Single(c => c.StartsWith("BCD", StringComparison.Ordinal)).Split('\n');
        epc[3].ShouldBe("SCT");
        epc[6].ShouldBe("NL91ABNA0417164300");
        epc[7].ShouldBe("EUR" + (account.TotalDueMinor / 100m).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        epc[9].ShouldStartWith("RF");
        text.ShouldContain(epc[9]);

        // The link on paper opens the customer's overview.
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        (await page.GotoAsync(link)).ShouldNotBeNull().Status.ShouldBe(200);
        new Uri(page.Url).AbsolutePath.ShouldBe("/overview");

        var list = JsonDocument.Parse(await erp.GetStringAsync("/api/v1/messages?customerRef=E2E-1001")).RootElement.GetProperty("items");
        list.EnumerateArray().Single(m => m.GetProperty("id").GetInt64() == id).GetProperty("status").GetString().ShouldBe("sent");
    }
}
