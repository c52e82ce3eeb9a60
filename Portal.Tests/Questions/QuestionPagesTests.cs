using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Messages;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;
using Portal.Tests.Arrangements;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Questions;

/// <summary>
/// A customer asks a question about an invoice or disputes it on their pay link, with a file; a dispute needs a code
/// and holds the invoice (no reminder, no collection) until the organisation resolves it through the API.
/// </summary>
public class QuestionPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>The smallest file a PDF reader opens: what "a real PDF" means here.</summary>
    internal static readonly byte[] Pdf = Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
        + "3 0 obj<</Type/Page/MediaBox[0 0 200 200]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];

    internal static async Task<(TestOrganisation Organisation, HttpClient Api, HttpClient Browser)> OpenAsync(PortalFactory factory, string customerRef = "C-1")
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutJsonAsync($"/api/v1/customers/{customerRef}", new { name = "Sanne de Vries", email = "sanne@example.nl" })).EnsureSuccessStatusCode();
        await organisation.AddInvoiceAsync("F-1", customerRef, 120_00, new DateOnly(2026, 11, 10));
        await organisation.AddInvoiceAsync("F-2", customerRef, 30_00, new DateOnly(2026, 12, 10));
        return (organisation, api, await organisation.OpenAsCustomerAsync(customerRef));
    }

    /// <summary>Posts the form as the browser does, multipart with the page's antiforgery token and an optional file.</summary>
    internal static async Task<HttpResponseMessage> AskAsync(HttpClient browser, string path, string? reason, string? text,
        (byte[] Content, string Name, string Type)? file = null)
    {
        var shown = await browser.GetAsync(path);
        shown.StatusCode.ShouldBe(HttpStatusCode.OK, path + " " + shown.Headers.Location);
        var page = await Html.ParseAsync(shown);
        var token = page.QuerySelector("form[enctype] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        if (reason is not null) form.Add(new StringContent(reason), "Reason");
        if (text is not null) form.Add(new StringContent(text), "Text");
        if (file is { } f)
        {
            var part = new ByteArrayContent(f.Content);
            part.Headers.ContentType = new MediaTypeHeaderValue(f.Type);
            form.Add(part, "Upload", f.Name);
        }
        return await browser.PostAsync(path, form);
    }

    internal static async Task ProveAsync(PortalFactory factory, TestOrganisation organisation, HttpClient browser, string returnPath)
    {
        var back = Uri.EscapeDataString(returnPath);
        (await PayJourney.PostFormAsync(browser, $"/verify?for=dispute&return={back}", ("Channel", "email"))).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var code = await factory.WithScopeAsync(sp =>
        {
            var db = sp.GetRequiredService<PortalDbContext>();
            var message = db.Messages.Where(m => m.OrganisationId == organisation.Id && m.Kind == MessageKind.OneTimeCode).OrderByDescending(m => m.Id).First();
            return Task.FromResult(Regex.Match(sp.GetRequiredService<MessageService>().Content(message).Text, @"\b\d{6}\b").Value);
        });
        (await PayJourney.PostFormAsync(browser, $"/verify/code?for=dispute&return={back}", ("Code", code))).Headers.Location!.OriginalString.ShouldBe(returnPath);
    }

    private Task<string[]> MessagesAsync(TestOrganisation organisation, MessageKind kind) => factory.WithScopeAsync(async sp =>
    {
        var service = sp.GetRequiredService<MessageService>();
        return (await sp.GetRequiredService<PortalDbContext>().Messages.AsNoTracking().Where(m => m.OrganisationId == organisation.Id && m.Kind == kind)
            .OrderBy(m => m.Id).ToListAsync()).Select(m => service.Content(m).Text).ToArray();
    });

    private static async Task<JsonElement> PauseAsync(HttpClient api, string number) =>
        (await (await api.GetAsync($"/api/v1/invoices/{number}")).JsonAsync()).GetProperty("pause");

    [Fact]
    public async Task AQuestionWithAPdf_ReachesTheErp_WithTheFileThroughTheApiOnly_AndPausesNothing()
    {
        var (organisation, api, browser) = await OpenAsync(factory);
        var invoice = await Html.ParseAsync(await browser.GetAsync("/invoices/F-1"));
        invoice.QuerySelector("a[href='/invoices/F-1/question']")!.TextContent.ShouldBe("Stel een vraag over deze factuur");
        invoice.QuerySelector("a[href='/invoices/F-1/dispute']")!.TextContent.ShouldBe("Ik ben het niet eens met deze factuur");

        var empty = await AskAsync(browser, "/invoices/F-1/question", null, " ");
        empty.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Html.ParseAsync(empty)).QuerySelectorAll(".error-summary a").Select(a => a.TextContent).ShouldBe(["Kies waar het over gaat.", "Schrijf uw vraag of uitleg."]);

        var sent = await AskAsync(browser, "/invoices/F-1/question", "amount-wrong", "Ik heb maar 10 m³ water gebruikt.",
            (Pdf, "geheim-bankafschrift.pdf", "application/pdf"));
        sent.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        sent.Headers.Location!.OriginalString.ShouldStartWith("/questions?sent=");
        var list = await Html.ParseAsync(await browser.GetAsync(sent.Headers.Location.OriginalString));
        list.QuerySelector("[data-question-sent]")!.TextContent.ShouldContain("Wij hebben uw vraag gekregen.");
        list.QuerySelector(".question-card blockquote")!.TextContent.ShouldBe("Ik heb maar 10 m³ water gebruikt.");
        list.QuerySelector(".question-card")!.TextContent.ShouldNotContain("geheim", Case.Insensitive, "the file's name is not kept");
        list.QuerySelectorAll(".question-card a[href*='/files/']").ShouldBeEmpty("the customer's page never serves the file");

        var item = (await (await api.GetAsync("/api/v1/questions?status=open")).JsonAsync()).GetProperty("items").EnumerateArray().Single();
        item.GetProperty("invoiceNumber").GetString().ShouldBe("F-1");
        item.GetProperty("reason").GetString().ShouldBe("amount-wrong");
        item.GetProperty("dispute").GetBoolean().ShouldBeFalse();
        var file = item.GetProperty("files").EnumerateArray().Single();
        file.GetProperty("contentType").GetString().ShouldBe("application/pdf");
        file.GetProperty("size").GetInt64().ShouldBe(Pdf.Length);
        var download = await api.GetAsync($"/api/v1/questions/{item.GetProperty("id").GetString()}/files/{file.GetProperty("id").GetString()}");
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync()).ShouldBe(Pdf);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Content.Headers.ContentDisposition.FileName!.ShouldNotContain("geheim");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        (await browser.GetAsync($"/api/v1/questions/{item.GetProperty("id").GetString()}/files/{file.GetProperty("id").GetString()}"))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a customer's session is no key to the API");

        var events = await ArrangementPagesTests.EventsAsync(api);
        events.Single(e => e.Type == "question.created").Data.GetProperty("files").GetInt32().ShouldBe(1);
        (await PauseAsync(api, "F-1")).ValueKind.ShouldBe(JsonValueKind.Null, "a question pauses nothing");
        (await api.PostAsJsonAsync("/api/v1/messages", new { customerRef = "C-1", kind = "reminder", invoiceNumbers = new[] { "F-1" } })).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        var answered = await api.PostAsync($"/api/v1/questions/{item.GetProperty("id").GetString()}/answer", ApiJson.Raw("""{"reply":"U heeft gelijk, wij sturen een nieuwe factuur."}"""));
        answered.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await answered.JsonAsync()).GetProperty("status").GetString().ShouldBe("answered");
        (await MessagesAsync(organisation, MessageKind.QuestionAnswered)).Single().ShouldContain("U heeft gelijk, wij sturen een nieuwe factuur.");
        (await Html.ParseAsync(await browser.GetAsync("/questions"))).QuerySelector(".question-reply")!.TextContent.ShouldBe("U heeft gelijk, wij sturen een nieuwe factuur.");

        factory.LogLines.ShouldNotContain(l => l.Contains("geheim", StringComparison.OrdinalIgnoreCase), "no file name in a log line");
    }

    [Fact]
    public async Task AnExeNamedPdf_And11Megabytes_AreRefusedInPlainWords_AndAPngIsTaken()
    {
        var (_, api, browser) = await OpenAsync(factory);
        byte[] exe = [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF];
        var renamed = await AskAsync(browser, "/invoices/F-1/question", "other", "Zie bijlage.", (exe, "factuur.pdf", "application/pdf"));
        renamed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Html.ParseAsync(renamed)).QuerySelector(".error-summary a[href='#upload']")!.TextContent.ShouldBe("Dit bestand kunnen wij niet openen. Stuur een PDF, JPG of PNG.");

        var large = new byte[11 * 1024 * 1024];
        Pdf.CopyTo(large, 0);
        var tooLarge = await AskAsync(browser, "/invoices/F-1/question", "other", "Zie bijlage.", (large, "scan.pdf", "application/pdf"));
        tooLarge.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Html.ParseAsync(tooLarge);
        page.QuerySelector(".error-summary a[href='#upload']")!.TextContent.ShouldBe("Het bestand is te groot. Het mag niet groter zijn dan 10 MB.");
        page.QuerySelector("textarea[name=Text]")!.TextContent.ShouldBe("Zie bijlage.", "what the customer wrote is kept");
        (await (await api.GetAsync("/api/v1/questions")).JsonAsync()).GetProperty("items").GetArrayLength().ShouldBe(0, "nothing is stored from a refused form");

        (await AskAsync(browser, "/invoices/F-1/question", "other", "Een foto van de meter.", (Png, "meter.jpg", "image/jpeg"))).StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var item = (await (await api.GetAsync("/api/v1/questions")).JsonAsync()).GetProperty("items").EnumerateArray().Single();
        item.GetProperty("files")[0].GetProperty("contentType").GetString().ShouldBe("image/png", "the type is read from the content, not the name or the browser");
    }

    [Fact]
    public async Task ADispute_NeedsACode_StopsRemindersAndCollection_UntilTheOrganisationResolvesIt_NotUpheld()
    {
        var (organisation, api, browser) = await OpenAsync(factory);
        (await browser.GetAsync("/invoices/F-1/dispute")).Headers.Location!.OriginalString.ShouldBe("/verify?for=dispute&return=%2Finvoices%2FF-1%2Fdispute");
        await ProveAsync(factory, organisation, browser, "/invoices/F-1/dispute");
        var sent = await AskAsync(browser, "/invoices/F-1/dispute", "already-paid", "Betaald op 3 november.", (Pdf, "bewijs.pdf", "application/pdf"));
        sent.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        (await Html.ParseAsync(await browser.GetAsync(sent.Headers.Location!.OriginalString))).QuerySelector("[data-question-sent]")!.TextContent
            .ShouldContain("Wij sturen geen herinnering voor deze factuur");
        (await browser.GetAsync("/invoices/F-1/dispute")).Headers.Location!.OriginalString.ShouldBe("/questions", "one dispute of an invoice at a time");
        (await AskAsync(browser, "/invoices/F-2/question", "other", "En deze?")).StatusCode.ShouldBe(HttpStatusCode.SeeOther, "a question needs no code");

        var pause = await PauseAsync(api, "F-1");
        pause.GetProperty("reason").GetString().ShouldBe("dispute");
        (await PauseAsync(api, "F-2")).ValueKind.ShouldBe(JsonValueKind.Null, "only the disputed invoice is held");
        var reminder = await api.PostAsJsonAsync("/api/v1/messages", new { customerRef = "C-1", kind = "reminder", invoiceNumbers = new[] { "F-1" } });
        reminder.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await reminder.Content.ReadAsStringAsync()).ShouldContain("paused (reason dispute)");
        (await api.PostAsJsonAsync("/api/v1/messages", new { customerRef = "C-1", kind = "reminder" })).StatusCode.ShouldBe(HttpStatusCode.Accepted, "F-2 still gets one");

        var question = (await (await api.GetAsync("/api/v1/questions?dispute=true")).JsonAsync()).GetProperty("items").EnumerateArray().Single();
        var id = question.GetProperty("id").GetString();
        var opened = (await ArrangementPagesTests.EventsAsync(api)).Single(e => e.Type == "dispute.opened").Data;
        opened.GetProperty("reason").GetString().ShouldBe("already-paid");
        opened.GetProperty("invoiceNumber").GetString().ShouldBe("F-1");

        (await api.PostAsync($"/api/v1/questions/{id}/resolve", ApiJson.Raw("""{"reply":"x"}"""))).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var resolved = await api.PostAsync($"/api/v1/questions/{id}/resolve", ApiJson.Raw("""{"upheld":false,"reply":"Wij zien geen betaling van 3 november."}"""));
        resolved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await resolved.JsonAsync()).GetProperty("upheld").GetBoolean().ShouldBeFalse();
        (await api.PostAsync($"/api/v1/questions/{id}/resolve", ApiJson.Raw("""{"upheld":true}"""))).StatusCode.ShouldBe(HttpStatusCode.Conflict);

        (await PauseAsync(api, "F-1")).ValueKind.ShouldBe(JsonValueKind.Null, "collection and reminders resume");
        (await api.PostAsJsonAsync("/api/v1/messages", new { customerRef = "C-1", kind = "reminder", invoiceNumbers = new[] { "F-1" } })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await ArrangementPagesTests.EventsAsync(api)).Single(e => e.Type == "dispute.resolved").Data.GetProperty("upheld").GetBoolean().ShouldBeFalse();
        (await MessagesAsync(organisation, MessageKind.DisputeResolved)).Single().ShouldContain("Wij zien geen betaling van 3 november.");
        var mine = await Html.ParseAsync(await browser.GetAsync("/questions"));
        mine.QuerySelector("[data-question-status=resolved]")!.TextContent.ShouldContain("De factuur blijft staan.");
    }

    [Fact]
    public async Task AnotherCustomersInvoice_IsNotFound_AndTheirQuestionsAreNotOnThisCustomersPage()
    {
        var (organisation, api, sanne) = await OpenAsync(factory);
        (await api.PutJsonAsync("/api/v1/customers/C-2", new { name = "John Smith", email = "john@example.org" })).EnsureSuccessStatusCode();
        await organisation.AddInvoiceAsync("G-1", "C-2", 50_00, new DateOnly(2026, 11, 10));
        var john = await organisation.OpenAsCustomerAsync("C-2");
        (await AskAsync(john, "/invoices/G-1/question", "complaint", "De monteur kwam niet.")).StatusCode.ShouldBe(HttpStatusCode.SeeOther);

        (await sanne.GetAsync("/invoices/G-1/question")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await sanne.GetAsync("/invoices/G-1/dispute")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Html.ParseAsync(await sanne.GetAsync("/questions"))).QuerySelector(".question-card").ShouldBeNull();
        (await api.GetAsync($"/api/v1/questions/{Guid.NewGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.GetAsync("/api/v1/questions?status=closed")).StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task ADisputedInvoice_IsNotCollectedByDirectDebit_UntilTheDisputeIsResolved()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutJsonAsync("/api/v1/customers/D-1", new { name = "Sanne de Vries", email = "sanne@example.nl" })).EnsureSuccessStatusCode();
        await organisation.AddInvoiceAsync("F-1", "D-1", 64_20, new DateOnly(2026, 12, 10));
        var browser = await organisation.OpenAsCustomerAsync("D-1");
        (await api.PutAsync("/api/v1/direct-debit-settings", ApiJson.Raw(
            """{"enabled":true,"allowedDays":[1,25],"leadBusinessDays":5,"creditorId":"NL57ZZZ999999999999"}"""))).EnsureSuccessStatusCode();
        (await api.PostAsync("/api/v1/customers/D-1/mandates", ApiJson.Raw(
            """{"iban":"NL91 ABNA 0417 1643 00","accountHolder":"S. de Vries","signatureDate":"2026-11-01","mandateReference":"ERP-M-Q1","collectionDay":25}""")))
            .EnsureSuccessStatusCode();
        await ProveAsync(factory, organisation, browser, "/invoices/F-1/dispute");
        (await AskAsync(browser, "/invoices/F-1/dispute", "not-received", "Dit heb ik nooit besteld.")).StatusCode.ShouldBe(HttpStatusCode.SeeOther);

        await DirectDebit.CollectionRunTests.RunAsync(factory);
        var numbers = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Collections.AsNoTracking()
            .Where(c => c.OrganisationId == organisation.Id).Join(sp.GetRequiredService<PortalDbContext>().Invoices, c => c.InvoiceId, i => i.Id, (c, i) => i.InvoiceNumber)
            .ToListAsync());
        numbers.ShouldBeEmpty("the disputed invoice waits");

        var id = (await (await api.GetAsync("/api/v1/questions")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetString();
        (await api.PostAsync($"/api/v1/questions/{id}/resolve", ApiJson.Raw("""{"upheld":false}"""))).StatusCode.ShouldBe(HttpStatusCode.OK);
        await DirectDebit.CollectionRunTests.RunAsync(factory);
        var after = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().Collections.AsNoTracking()
            .Where(c => c.OrganisationId == organisation.Id).Join(sp.GetRequiredService<PortalDbContext>().Invoices, c => c.InvoiceId, i => i.Id, (c, i) => i.InvoiceNumber)
            .ToListAsync());
        after.ShouldBe(["F-1"], "once resolved, it is collected again");
    }
}
