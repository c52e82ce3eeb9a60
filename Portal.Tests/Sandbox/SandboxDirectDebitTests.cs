using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain;
using Portal.Infrastructure.Payments.Mollie;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Sandbox;

/// <summary>
/// Customers, mandates, direct debits, refunds and chargebacks: Portal's Mollie client against the sandbox, with
/// the sandbox's clock moved by the test.
/// </summary>
public class SandboxDirectDebitTests : IClassFixture<SandboxDirectDebitTests.PatientSandboxFactory>
{
    private readonly PortalFactory _factory;
    private static readonly RecordingHandler Webhooks = new();

    /// <summary>The sandbox's own webhook retries wait for hours here, so only a flush can deliver a failed one.</summary>
    public sealed class PatientSandboxFactory : PortalFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings => [("Portal:Payments:Sandbox:WebhookTimeScale", "0.01")];
    }

    public SandboxDirectDebitTests(PatientSandboxFactory factory)
    {
        _factory = factory;
        _factory.WebhookHandler ??= Webhooks;
    }

    private MollieClient Client => _factory.Services.GetRequiredService<MollieClient>();

    private static string Key() => Guid.NewGuid().ToString();

    private HttpClient Control() => _factory.CreateClient();

    private async Task<(MollieCustomer Customer, MollieMandate Mandate)> CustomerWithMandateAsync()
    {
        var customer = await Client.CreateCustomerAsync(new CreateMollieCustomer("Sanne de Vries", "sanne@example.nl", "nl_NL"), Key());
        var mandate = await Client.CreateMandateAsync(customer.Id,
            new CreateMollieMandate("Sanne de Vries", "NL91 ABNA 0417 1643 00", SignatureDate: "2026-11-20", MandateReference: "PORTAL-" + customer.Id), Key());
        return (customer, mandate);
    }

    private static CreateMolliePayment Debit(MollieCustomer customer, decimal amount = 40m) =>
        new(MollieAmount.From(new Money(amount, "EUR")), "Termijn 1 van 3", WebhookUrl: "http://localhost/webhooks/mollie",
            SequenceType: "recurring", CustomerId: customer.Id);

    private async Task<string[]> TickAsync()
    {
        using var control = Control();
        var answer = await control.PostAsync("/mollie-sandbox/__control/clock/tick", null);
        answer.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await answer.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("changed").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToArray();
    }

    [Fact]
    public async Task Mandate_IsValid_ListedAndRevocable_WithTheIbanAsTheBankKeepsIt()
    {
        var (customer, mandate) = await CustomerWithMandateAsync();
        customer.Id.ShouldStartWith("cst_");
        (await Client.GetCustomerAsync(customer.Id)).Email.ShouldBe("sanne@example.nl");
        mandate.Id.ShouldStartWith("mdt_");
        mandate.IsValid.ShouldBeTrue();
        mandate.Method.ShouldBe("directdebit");
        mandate.Details!.ConsumerAccount.ShouldBe("NL91ABNA0417164300");
        mandate.SignatureDate.ShouldBe("2026-11-20");

        var listed = await Client.ListMandatesAsync(customer.Id);
        listed.Count.ShouldBe(1);
        listed.Items.Single().Id.ShouldBe(mandate.Id);
        listed.Next.ShouldBeNull();

        await Client.RevokeMandateAsync(customer.Id, mandate.Id);
        (await Client.GetMandateAsync(customer.Id, mandate.Id)).Status.ShouldBe("invalid");
        var refused = await Should.ThrowAsync<MollieApiException>(() => Client.CreatePaymentAsync(Debit(customer), Key()));
        (refused.Status, refused.Field).ShouldBe((422, "mandateId"));
    }

    [Fact]
    public async Task Mandate_WithAMistypedIban_Is422NamingTheAccount_AndUnknownCustomerIs404()
    {
        var customer = await Client.CreateCustomerAsync(new CreateMollieCustomer("Sanne de Vries", null), Key());
        var typo = await Should.ThrowAsync<MollieApiException>(() =>
            Client.CreateMandateAsync(customer.Id, new CreateMollieMandate("Sanne de Vries", "NL91ABNA0417164301"), Key()));
        (typo.Status, typo.Field).ShouldBe((422, "consumerAccount"));
        (await Should.ThrowAsync<MollieApiException>(() => Client.GetCustomerAsync("cst_doesnotexist"))).Status.ShouldBe(404);
        (await Client.ListMandatesAsync(customer.Id)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task RecurringPayment_WithoutAMandate_IsRefused()
    {
        var customer = await Client.CreateCustomerAsync(new CreateMollieCustomer("Ali Yılmaz", null), Key());
        var refused = await Should.ThrowAsync<MollieApiException>(() => Client.CreatePaymentAsync(Debit(customer), Key()));
        (refused.Status, refused.Field).ShouldBe((422, "mandateId"));
        var noCustomer = await Should.ThrowAsync<MollieApiException>(() => Client.CreatePaymentAsync(Debit(customer) with { CustomerId = null }, Key()));
        (noCustomer.Status, noCustomer.Field).ShouldBe((422, "customerId"));
    }

    [Fact]
    public async Task DirectDebit_IsPendingUntilItsDueDate_ThenPaidOnTheSandboxClock_WithAWebhook()
    {
        var (customer, mandate) = await CustomerWithMandateAsync();
        var debit = await Client.CreatePaymentAsync(Debit(customer), Key());

        debit.Status.ShouldBe("pending");
        debit.Method.ShouldBe("directdebit");
        debit.MandateId.ShouldBe(mandate.Id);
        debit.CheckoutUrl.ShouldBeNull();
        var due = DateOnly.Parse(debit.Details!.DueDate!, System.Globalization.CultureInfo.InvariantCulture);
        due.ShouldBeGreaterThan(_factory.Clock.Today);
        due.DayOfWeek.ShouldNotBeOneOf(DayOfWeek.Saturday, DayOfWeek.Sunday);
        debit.Details.ConsumerAccount.ShouldBe("NL91ABNA0417164300");

        (await TickAsync()).ShouldNotContain(debit.Id);
        (await Client.GetPaymentAsync(debit.Id)).Status.ShouldBe("pending");

        _factory.Clock.Advance(TimeSpan.FromDays(due.DayNumber - _factory.Clock.Today.DayNumber));
        (await TickAsync()).ShouldContain(debit.Id);
        var collected = await Client.GetPaymentAsync(debit.Id);
        collected.Status.ShouldBe("paid");
        collected.PaidAt.ShouldNotBeNull();
        Webhooks.CountFor(debit.Id).ShouldBe(1);
        (await TickAsync()).ShouldNotContain(debit.Id);
    }

    [Fact]
    public async Task DirectDebit_RefusedByTheBank_FailsWithTheReasonCode()
    {
        // A debit another test left pending would fall due first and take the refusal: let it be collected now.
        _factory.Clock.Advance(TimeSpan.FromDays(4));
        await TickAsync();
        var (customer, _) = await CustomerWithMandateAsync();
        var debit = await Client.CreatePaymentAsync(Debit(customer), Key());
        using var control = Control();
        (await control.PostAsync("/mollie-sandbox/__control/direct-debits/fail-next?bankReasonCode=AM04", null)).EnsureSuccessStatusCode();

        _factory.Clock.Advance(TimeSpan.FromDays(4));
        await TickAsync();

        var failed = await Client.GetPaymentAsync(debit.Id);
        failed.Status.ShouldBe("failed");
        failed.Details!.BankReasonCode.ShouldBe("AM04");
        failed.Details.BankReason.ShouldBe("Insufficient funds");
        Webhooks.CountFor(debit.Id).ShouldBe(1);
    }

    [Fact]
    public async Task Chargeback_KeepsThePaymentPaid_ListsTheReason_AndCallsTheWebhook()
    {
        var (customer, _) = await CustomerWithMandateAsync();
        var debit = await Client.CreatePaymentAsync(Debit(customer, 40m), Key());
        using var control = Control();
        (await control.PostAsync($"/mollie-sandbox/__control/payments/{debit.Id}/status/paid", null)).EnsureSuccessStatusCode();

        var created = await control.PostAsync($"/mollie-sandbox/__control/payments/{debit.Id}/chargebacks?reasonCode=MD06", null);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);

        var payment = await Client.GetPaymentAsync(debit.Id);
        payment.Status.ShouldBe("paid");
        payment.AmountChargedBack!.Value.ShouldBe("40.00");
        payment.AmountRemaining!.Value.ShouldBe("0.00");
        var chargeback = (await Client.ListChargebacksAsync(debit.Id)).Items.ShouldHaveSingleItem();
        chargeback.Id.ShouldStartWith("chb_");
        chargeback.Amount.Value.ShouldBe("40.00");
        chargeback.Reason!.Code.ShouldBe("MD06");
        (await Client.GetChargebackAsync(debit.Id, chargeback.Id)).PaymentId.ShouldBe(debit.Id);
        Webhooks.CountFor(debit.Id).ShouldBe(2);

        (await control.PostAsync($"/mollie-sandbox/__control/payments/{debit.Id}/chargebacks", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Refund_IsIdempotent_LimitedToWhatWasPaid_CancelableUntilPaidOut()
    {
        var (customer, _) = await CustomerWithMandateAsync();
        var debit = await Client.CreatePaymentAsync(Debit(customer, 40m), Key());
        using var control = Control();
        var early = await Should.ThrowAsync<MollieApiException>(() =>
            Client.CreateRefundAsync(debit.Id, new CreateMollieRefund(new MollieAmount("EUR", "10.00")), Key()));
        early.Status.ShouldBe(422);
        (await control.PostAsync($"/mollie-sandbox/__control/payments/{debit.Id}/status/paid", null)).EnsureSuccessStatusCode();

        var key = Key();
        var refund = await Client.CreateRefundAsync(debit.Id, new CreateMollieRefund(new MollieAmount("EUR", "15.00"), "Te veel betaald"), key);
        refund.Id.ShouldStartWith("re_");
        refund.Status.ShouldBe("pending");
        (await Client.CreateRefundAsync(debit.Id, new CreateMollieRefund(new MollieAmount("EUR", "15.00"), "Te veel betaald"), key)).Id.ShouldBe(refund.Id);
        (await Client.ListRefundsAsync(debit.Id)).Count.ShouldBe(1);
        (await Client.GetPaymentAsync(debit.Id)).AmountRemaining!.Value.ShouldBe("25.00");

        var tooMuch = await Should.ThrowAsync<MollieApiException>(() =>
            Client.CreateRefundAsync(debit.Id, new CreateMollieRefund(new MollieAmount("EUR", "25.01")), Key()));
        (tooMuch.Status, tooMuch.Field).ShouldBe((422, "amount"));

        var second = await Client.CreateRefundAsync(debit.Id, new CreateMollieRefund(new MollieAmount("EUR", "5.00")), Key());
        await Client.CancelRefundAsync(debit.Id, second.Id);
        (await Client.GetPaymentAsync(debit.Id)).AmountRemaining!.Value.ShouldBe("25.00");

        _factory.Clock.Advance(TimeSpan.FromHours(2));
        await TickAsync();
        var refunds = (await Client.ListRefundsAsync(debit.Id)).Items;
        refunds.Single(r => r.Id == refund.Id).Status.ShouldBe("refunded");
        refunds.Single(r => r.Id == second.Id).Status.ShouldBe("canceled");
        (await Should.ThrowAsync<MollieApiException>(() => Client.CancelRefundAsync(debit.Id, refund.Id))).Status.ShouldBe(422);
    }

    [Fact]
    public async Task FirstPayment_PaidAtCheckout_LeavesAValidMandateForLaterDebits()
    {
        var customer = await Client.CreateCustomerAsync(new CreateMollieCustomer("Piotr Nowak", null), Key());
        var first = await Client.CreatePaymentAsync(new CreateMolliePayment(new MollieAmount("EUR", "0.01"), "Machtiging",
            RedirectUrl: "https://portal.test/return", SequenceType: "first", CustomerId: customer.Id, Method: "ideal"), Key());
        first.Status.ShouldBe("open");
        (await Client.ListMandatesAsync(customer.Id)).Items.ShouldBeEmpty();

        var browser = _factory.CreateBrowserClient();
        await browser.PostAsync(first.CheckoutUrl!.PathAndQuery, new FormUrlEncodedContent([new("status", "paid")]));

        var mandate = (await Client.ListMandatesAsync(customer.Id)).Items.ShouldHaveSingleItem();
        mandate.IsValid.ShouldBeTrue();
        (await Client.GetPaymentAsync(first.Id)).MandateId.ShouldBe(mandate.Id);
        (await Client.CreatePaymentAsync(Debit(customer), Key())).MandateId.ShouldBe(mandate.Id);
    }

    [Fact]
    public async Task OpenCheckout_ExpiresAfterFifteenMinutesOnTheSandboxClock()
    {
        var payment = await Client.CreatePaymentAsync(new CreateMolliePayment(new MollieAmount("EUR", "12.50"), "Factuur 1",
            RedirectUrl: "https://portal.test/return", WebhookUrl: "http://localhost/webhooks/mollie"), Key());
        _factory.Clock.Advance(TimeSpan.FromMinutes(14));
        (await TickAsync()).ShouldNotContain(payment.Id);
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));
        (await TickAsync()).ShouldContain(payment.Id);
        (await Client.GetPaymentAsync(payment.Id)).Status.ShouldBe("expired");
        Webhooks.CountFor(payment.Id).ShouldBe(1);
    }

    [Fact]
    public async Task Flush_DeliversAWebhookThatFailedBefore_WithoutWaitingForTheRetrySchedule()
    {
        var (customer, _) = await CustomerWithMandateAsync();
        var debit = await Client.CreatePaymentAsync(Debit(customer), Key());
        using var control = Control();
        Webhooks.Failing = true;
        try
        {
            (await control.PostAsync($"/mollie-sandbox/__control/payments/{debit.Id}/status/paid", null)).EnsureSuccessStatusCode();
        }
        finally
        {
            Webhooks.Failing = false;
        }
        Webhooks.CountFor(debit.Id).ShouldBe(0);

        var flushed = await control.PostAsJsonAsync("/mollie-sandbox/__control/webhooks/flush", new { });
        using var json = JsonDocument.Parse(await flushed.Content.ReadAsStringAsync());
        json.RootElement.GetProperty("delivered").GetInt32().ShouldBe(1);
        Webhooks.CountFor(debit.Id).ShouldBe(1);

        var log = await control.GetStringAsync("/mollie-sandbox/__control/webhooks");
        log.ShouldContain(debit.Id);
    }
}
