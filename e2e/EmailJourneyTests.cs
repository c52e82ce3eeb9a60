using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using Portal.E2E.Infrastructure;
using Portal.Infrastructure.Messages;
using Shouldly;

namespace Portal.E2E;

/// <summary>
/// The customer's way in by e-mail: the ERP sends the pay link, the e-mail arrives at a real SMTP server, and its link
/// opens the customer's overview in Chromium. Then the one-time code, with the keyboard alone: the code arrives by
/// e-mail and, typed in, leads back to the step it was asked for.
/// </summary>
public sealed class EmailJourneyTests(EmailPortalFixture portal) : IClassFixture<EmailPortalFixture>
{
    /// <summary>Sends the outbox (as the job would) until a new e-mail to <paramref name="to"/> has arrived.</summary>
    private Task<MimeMessage> NextMailAsync(string to, int already) => Poll.UntilAsync<MimeMessage>(async () =>
    {
        await using (var scope = portal.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<MessageDispatcher>().RunAsync();
        var mails = EmailPortalFixture.Smtp.Received.Where(m => m.To.Mailboxes.Any(b => b.Address == to)).ToList();
        return mails.Count > already ? mails[^1] : null;
    }, TimeSpan.FromSeconds(20), $"an e-mail to {to} arriving");

    private int MailsTo(string to) => EmailPortalFixture.Smtp.Received.Count(m => m.To.Mailboxes.Any(b => b.Address == to));

    [BrowserFact]
    public async Task The_pay_link_email_arrives_and_its_link_opens_the_overview()
    {
        var account = portal.Account;
        const string to = "sanne@example.org";
        var before = MailsTo(to);
        using var erp = new HttpClient { BaseAddress = portal.BaseAddress };
        erp.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", account.ApiKey);
        using var sent = await erp.PostAsync("/api/v1/pay-links", new StringContent(
            """{"customerRef":"E2E-1001","send":{"channel":"email"}}""", System.Text.Encoding.UTF8, "application/json"));
        ((int)sent.StatusCode).ShouldBe(201, await sent.Content.ReadAsStringAsync());

        var mail = await NextMailAsync(to, before);
        mail.Subject.ShouldBe($"Uw rekening van {account.OrganisationName}");
        mail.TextBody.ShouldNotBeNull().ShouldContain($"Beste {account.CustomerName},");
        var link = Regex.Match(mail.HtmlBody.ShouldNotBeNull(), @"<a href=""(http[^""]+/p/[A-Za-z0-9_-]{43})""").Groups[1].Value;
        mail.TextBody.ShouldContain(link);

        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(link);
        response.ShouldNotBeNull().Status.ShouldBe(200);
        new Uri(page.Url).AbsolutePath.ShouldBe("/overview");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wat u moet betalen");
        (await page.MainTextAsync()).ShouldContain($"U moet nog {Texts.DutchAmount(account.TotalDueMinor)} betalen.");
    }

    [BrowserFact]
    public async Task A_one_time_code_by_email_typed_with_the_keyboard_leads_back_to_the_step()
    {
        var account = portal.Account;
        const string to = "sanne@example.org";
        await using var context = await portal.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.OpenPayLinkAsync(account);
        await page.GotoAsync("/verify?for=contact-details&return=%2Finvoices%2F" + account.FirstInvoiceNumber);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Laat zien dat u het bent");

        var before = MailsTo(to);
        await page.GetByRole(AriaRole.Radio, new() { Name = "Naar uw e-mailadres s•••@example.org" }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync("/verify/code");

        var mail = await NextMailAsync(to, before);
        mail.Subject.ShouldStartWith("Uw code: ");
        var code = Regex.Match(mail.TextBody.ShouldNotBeNull(), @"\b\d{6}\b").Value;

        await page.GetByLabel("Code").FocusAsync();
        await page.Keyboard.TypeAsync(code);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForAddressAsync("/invoices/" + Regex.Escape(account.FirstInvoiceNumber) + "$");
        portal.LogLines.ShouldNotContain(l => l.Contains(code, StringComparison.Ordinal));
    }
}
