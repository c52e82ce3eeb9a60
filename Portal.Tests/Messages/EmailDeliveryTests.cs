using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Infrastructure.Database;
using Portal.Infrastructure.Messages;
using Portal.Tests.Support;
using Shouldly;
using SmtpServer.Protocol;

namespace Portal.Tests.Messages;

/// <summary>
/// A pay link sent by e-mail arrives at a real SMTP server as a multipart message in the customer's language, and its
/// link opens the customer's overview. Refusals, temporary failures and an interrupted run end as the issue says.
/// </summary>
public class EmailDeliveryTests(EmailDeliveryTests.SmtpFactory factory) : IClassFixture<EmailDeliveryTests.SmtpFactory>
{
    public sealed class SmtpFactory : PortalFactory
    {
        // Set once for the class: a run sends every test's due messages, so a per-test rule would leak into the others.
        public TestSmtpServer Smtp { get; } = new() { Refuses = address => address is "gone@example.nl" or "typo@example.nl" };

        protected override IEnumerable<(string Key, string Value)> Settings =>
        [
            ("Portal:Email:Smtp:Host", "127.0.0.1"), ("Portal:Email:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Portal:Email:Smtp:Security", "none"), ("Portal:Email:From", "betalen@waterbedrijf.test"),
        ];

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Smtp.DisposeAsync();
        }
    }

    private async Task<(TestOrganisation Organisation, HttpClient Api)> CustomerAsync(string customerRef, string email, string? language = null)
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutJsonAsync($"/api/v1/customers/{customerRef}", new { name = "Sanne de Vries", email, language })).EnsureSuccessStatusCode();
        (await api.PutJsonAsync("/api/v1/invoices/F-1", ApiJson.Invoice(customerRef, 64.20m, due: "2026-12-20"))).EnsureSuccessStatusCode();
        return (organisation, api);
    }

    private Task<int> DispatchAsync(CancellationToken ct = default) =>
        factory.WithScopeAsync(sp => sp.GetRequiredService<MessageDispatcher>().RunAsync(ct));

    private List<MimeMessage> ReceivedFor(string address) =>
        [.. factory.Smtp.Received.Where(m => m.To.Mailboxes.Any(b => b.Address == address))];

    [Fact]
    public async Task PayLinkWithSend_ArrivesAsTextAndHtml_InTheCustomersLanguage_AndItsLinkOpensTheOverview()
    {
        var (_, api) = await CustomerAsync("C-1", "sanne@example.nl");
        var created = await api.PostAsync("/api/v1/pay-links", ApiJson.Raw("""{"customerRef":"C-1","send":{"channel":"email"}}"""));
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = await created.JsonAsync();
        var url = body.GetProperty("url").GetString()!;
        var messageId = body.GetProperty("message").GetProperty("id").GetInt64();
        body.GetProperty("message").GetProperty("status").GetString().ShouldBe("queued");

        (await DispatchAsync()).ShouldBeGreaterThanOrEqualTo(1);

        var mail = ReceivedFor("sanne@example.nl").ShouldHaveSingleItem();
        mail.MessageId.ShouldBe($"portal-message-{messageId}@waterbedrijf.test");
        mail.From.Mailboxes.Single().Name.ShouldBe("Waterbedrijf Test");
        mail.Subject.ShouldBe("Uw rekening van Waterbedrijf Test");
        mail.Body!.Headers["Content-Language"].ShouldBe("nl");
        mail.TextBody!.ShouldContain("€ 64,20");
        mail.TextBody!.ShouldContain(url);
        mail.HtmlBody!.ShouldContain("<html lang=\"nl\" dir=\"ltr\">");
        mail.HtmlBody!.ShouldContain("<h1");
        mail.HtmlBody!.ShouldContain($">{url}</a>");
        mail.HtmlBody!.ShouldNotContain("<img");
        mail.Body!.ContentType.MimeType.ShouldBe("multipart/alternative");

        // The link in the e-mail is the customer's way in.
        var browser = factory.CreateBrowserClient();
        var opened = await browser.GetAsync(new Uri(url).PathAndQuery);
        opened.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var overview = await browser.GetAsync(opened.Headers.Location);
        overview.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await overview.Content.ReadAsStringAsync()).ShouldContain("Sanne de Vries");

        var list = await (await api.GetAsync("/api/v1/messages?customerRef=C-1")).JsonAsync();
        var item = list.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("status").GetString().ShouldBe("sent");
        item.GetProperty("to").GetString().ShouldBe("s•••@example.nl");
        var events = await (await api.GetAsync("/api/v1/events")).Content.ReadAsStringAsync();
        events.ShouldContain("\"message.sent\"");
    }

    [Fact]
    public async Task Message_InEnglish_ForAnEnglishCustomer()
    {
        var (_, api) = await CustomerAsync("C-1", "john@example.co.uk", "en");
        (await api.PostAsync("/api/v1/messages", ApiJson.Raw("""{"customerRef":"C-1","kind":"reminder"}"""))).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await DispatchAsync();
        var mail = ReceivedFor("john@example.co.uk").ShouldHaveSingleItem();
        mail.Body!.Headers["Content-Language"].ShouldBe("en");
        mail.Subject.ShouldStartWith("Reminder: please pay €64.20");
        mail.HtmlBody!.ShouldContain("<html lang=\"en\"");
    }

    [Fact]
    public async Task RecipientRefused_FailsForGood_AsABounce_AndTheErpHearsIt()
    {
        var (_, api) = await CustomerAsync("C-1", "gone@example.nl");
        (await api.PostAsync("/api/v1/messages", ApiJson.Raw("""{"customerRef":"C-1","kind":"pay-link"}"""))).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await DispatchAsync();
        factory.Clock.Advance(TimeSpan.FromHours(2));
        await DispatchAsync();

        var item = (await (await api.GetAsync("/api/v1/messages")).JsonAsync()).GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("status").GetString().ShouldBe("failed");
        item.GetProperty("bounced").GetBoolean().ShouldBeTrue();
        item.GetProperty("failure").GetString()!.ShouldContain("SMTP 550");
        var failed = (await (await api.GetAsync("/api/v1/events")).JsonAsync()).GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("type").GetString() == "message.failed");
        failed.GetProperty("data").GetProperty("bounced").GetBoolean().ShouldBeTrue();
        failed.GetProperty("data").GetProperty("customerRef").GetString().ShouldBe("C-1");
    }

    [Fact]
    public async Task Bounce_WithAMobileNumberOnFile_SendsATextAskingToCheckTheAddress()
    {
        var organisation = await factory.CreateOrganisationAsync();
        var api = factory.CreateApiClient(organisation.ApiKey);
        (await api.PutJsonAsync("/api/v1/customers/C-1", new { name = "Sanne", email = "typo@example.nl", phone = "06 12345678" })).EnsureSuccessStatusCode();
        (await api.PostAsync("/api/v1/messages", ApiJson.Raw("""{"customerRef":"C-1","kind":"reminder","channel":"email"}"""))).EnsureSuccessStatusCode();

        await DispatchAsync();

        var items = (await (await api.GetAsync("/api/v1/messages")).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        items.Count.ShouldBe(2);
        var text = items.Single(i => i.GetProperty("kind").GetString() == "check-email");
        text.GetProperty("channel").GetString().ShouldBe("sms");
        text.GetProperty("to").GetString().ShouldBe("06-••••5678");
        items.Single(i => i.GetProperty("kind").GetString() == "reminder").GetProperty("bounced").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task TemporaryRefusal_IsTriedAgainLater_AsTheSameMessage()
    {
        factory.Smtp.AfterKeeping = mail => mail.To.Mailboxes.Any(b => b.Address == "later@example.nl") && ReceivedFor("later@example.nl").Count == 1
            ? (new SmtpResponse((SmtpReplyCode)451, "4.3.0 try again later"), TimeSpan.Zero)
            : (null, TimeSpan.Zero);
        var (_, api) = await CustomerAsync("C-1", "later@example.nl");
        (await api.PostAsync("/api/v1/messages", ApiJson.Raw("""{"customerRef":"C-1","kind":"reminder"}"""))).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        await DispatchAsync();
        (await (await api.GetAsync("/api/v1/messages")).JsonAsync()).GetProperty("items")[0].GetProperty("status").GetString().ShouldBe("queued");
        await DispatchAsync();
        ReceivedFor("later@example.nl").Count.ShouldBe(1, "not again before the back-off has passed");

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await DispatchAsync();
        (await (await api.GetAsync("/api/v1/messages")).JsonAsync()).GetProperty("items")[0].GetProperty("status").GetString().ShouldBe("sent");
        var copies = ReceivedFor("later@example.nl");
        copies.Count.ShouldBe(2);
        copies.Select(m => m.MessageId).Distinct().ShouldHaveSingleItem();
        var messageId = (await (await api.GetAsync("/api/v1/messages")).JsonAsync()).GetProperty("items")[0].GetProperty("id").GetInt64();
        var attempts = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().MessageAttempts.AsNoTracking()
            .Where(a => a.MessageId == messageId).OrderBy(a => a.Number).Select(a => a.Result).ToListAsync());
        attempts.Count.ShouldBe(2);
        attempts[0]!.ShouldStartWith("SMTP 451");
        attempts[1].ShouldBe("sent");
    }

    [Fact]
    public async Task RunCutOffBetweenSendingAndMarking_SendsItAgainUnderTheSameMessageId()
    {
        factory.Smtp.AfterKeeping = mail => mail.To.Mailboxes.Any(b => b.Address == "slow@example.nl") && ReceivedFor("slow@example.nl").Count == 1
            ? (null, TimeSpan.FromSeconds(5))
            : (null, TimeSpan.Zero);
        var (organisation, api) = await CustomerAsync("C-1", "slow@example.nl");
        (await api.PostAsync("/api/v1/messages", ApiJson.Raw("""{"customerRef":"C-1","kind":"pay-link"}"""))).StatusCode.ShouldBe(HttpStatusCode.Accepted);

        using (var cut = new CancellationTokenSource(TimeSpan.FromMilliseconds(700)))
            await Should.ThrowAsync<OperationCanceledException>(() => DispatchAsync(cut.Token));

        var interrupted = await factory.WithScopeAsync(sp => sp.GetRequiredService<PortalDbContext>().MessageAttempts.AsNoTracking()
            .Join(sp.GetRequiredService<PortalDbContext>().Messages.Where(m => m.OrganisationId == organisation.Id), a => a.MessageId, m => m.Id, (a, m) => a)
            .ToListAsync());
        interrupted.ShouldHaveSingleItem().FinishedAtUtc.ShouldBeNull("the send log shows an attempt that never finished");

        await DispatchAsync();
        var copies = ReceivedFor("slow@example.nl");
        copies.Count.ShouldBe(2);
        copies.Select(m => m.MessageId).Distinct().ShouldHaveSingleItem();
        (await (await api.GetAsync("/api/v1/messages")).JsonAsync()).GetProperty("items")[0].GetProperty("status").GetString().ShouldBe("sent");
    }

    [Fact]
    public async Task TwoRunsAtOnce_SendEachMessageOnce()
    {
        var (_, api) = await CustomerAsync("C-1", "twice@example.nl");
        for (var i = 0; i < 15; i++)
            (await api.PostAsync("/api/v1/messages", ApiJson.Raw("""{"customerRef":"C-1","kind":"reminder"}"""))).EnsureSuccessStatusCode();

        var runs = await Task.WhenAll(DispatchAsync(), DispatchAsync(), DispatchAsync());
        while ((await (await api.GetAsync("/api/v1/messages?status=queued")).JsonAsync()).GetProperty("items").GetArrayLength() > 0) await DispatchAsync();

        var copies = ReceivedFor("twice@example.nl");
        copies.Count.ShouldBe(15);
        copies.Select(m => m.MessageId).Distinct().Count().ShouldBe(15);
        runs.Sum().ShouldBeLessThanOrEqualTo(15);
    }
}
