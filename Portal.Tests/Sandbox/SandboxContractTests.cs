using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain;
using Portal.Infrastructure.Payments.Mollie;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Sandbox;

/// <summary>Portal's Mollie client against Portal's Mollie sandbox: the contract both must keep.</summary>
public class SandboxContractTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory _factory;
    /// <summary>One per fixture: the factory keeps the first handler it is given.</summary>
    private static readonly RecordingHandler Webhooks = new();

    public SandboxContractTests(PortalFactory factory)
    {
        _factory = factory;
        _factory.WebhookHandler ??= Webhooks;
    }

    private MollieClient Client => _factory.Services.GetRequiredService<MollieClient>();

    private static CreateMolliePayment Payment(decimal amount = 125.50m) =>
        new(MollieAmount.From(new Money(amount, "EUR")), "Factuur 2026-0101", RedirectUrl: "https://portal.test/return",
            WebhookUrl: "http://localhost/webhooks/mollie", Method: "ideal");

    [Fact]
    public async Task CreateThenGet_GivesAnOpenPaymentWithACheckoutLink()
    {
        var created = await Client.CreatePaymentAsync(Payment(), Guid.NewGuid().ToString());
        created.Id.ShouldStartWith("tr_");
        created.Status.ShouldBe("open");
        created.Mode.ShouldBe("test");
        created.CheckoutUrl!.AbsolutePath.ShouldBe($"/mollie-sandbox/checkout/{created.Id}");
        (await Client.GetPaymentAsync(created.Id)).Amount.Value.ShouldBe("125.50");
    }

    [Fact]
    public async Task SameIdempotencyKey_SameBody_ReturnsTheFirstPaymentReplayed_OtherBodyIs400()
    {
        var key = Guid.NewGuid().ToString();
        var first = await Client.CreatePaymentAsync(Payment(), key);
        (await Client.CreatePaymentAsync(Payment(), key)).Id.ShouldBe(first.Id);

        using var raw = _factory.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Post, "/mollie-sandbox/v2/payments")
        {
            Content = System.Net.Http.Json.JsonContent.Create(Payment(), options: MollieClient.Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "test_portal_sandbox");
        request.Headers.Add("Idempotency-Key", key);
        var replay = await raw.SendAsync(request);
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);

        var mismatch = await Should.ThrowAsync<MollieApiException>(() => Client.CreatePaymentAsync(Payment(1m), key));
        mismatch.Status.ShouldBe(400);
    }

    [Fact]
    public async Task LiveKey_Is401_UnknownPayment_Is404_InvalidAmount_Is422WithField()
    {
        using var raw = _factory.CreateClient();
        raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "live_notallowedhere");
        (await raw.GetAsync("/mollie-sandbox/v2/payments/tr_x")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await Should.ThrowAsync<MollieApiException>(() => Client.GetPaymentAsync("tr_doesnotexist"))).Status.ShouldBe(404);
        var invalid = await Should.ThrowAsync<MollieApiException>(() =>
            Client.CreatePaymentAsync(Payment() with { Amount = new MollieAmount("EUR", "12.5") }, Guid.NewGuid().ToString()));
        (invalid.Status, invalid.Field).ShouldBe((422, "amount"));
    }

    [Fact]
    public async Task Cancel_OpenPayment_IsCanceled_AndCannotBeCanceledTwice()
    {
        var created = await Client.CreatePaymentAsync(Payment(), Guid.NewGuid().ToString());
        (await Client.CancelPaymentAsync(created.Id)).Status.ShouldBe("canceled");
        (await Should.ThrowAsync<MollieApiException>(() => Client.CancelPaymentAsync(created.Id))).Status.ShouldBe(422);
    }

    [Fact]
    public async Task InjectedOutage_ShortOneIsRiddenOut_LongOneIsATransientError()
    {
        var created = await Client.CreatePaymentAsync(Payment(), Guid.NewGuid().ToString());
        using var control = _factory.CreateClient();
        (await control.PostAsync("/mollie-sandbox/__control/faults?status=503&count=2", null)).EnsureSuccessStatusCode();
        (await Client.GetPaymentAsync(created.Id)).Id.ShouldBe(created.Id);

        (await control.PostAsync("/mollie-sandbox/__control/faults?status=500&count=10", null)).EnsureSuccessStatusCode();
        (await Should.ThrowAsync<MollieApiException>(() => Client.GetPaymentAsync(created.Id))).IsTransient.ShouldBeTrue();
        await control.PostAsync("/mollie-sandbox/__control/faults?status=500&count=0", null);
        while (true)
        {
            try { await Client.GetPaymentAsync(created.Id); break; }
            catch (MollieApiException) { }
        }
    }

    [Fact]
    public async Task Checkout_ChoosingPaid_PostsTheWebhookAndReturnsTheCustomer_AndPaidStaysPaid()
    {
        var created = await Client.CreatePaymentAsync(Payment(), Guid.NewGuid().ToString());
        var browser = _factory.CreateBrowserClient();
        var page = await browser.GetStringAsync(created.CheckoutUrl!.PathAndQuery);
        page.ShouldContain("TEST MODE");
        page.ShouldContain("EUR 125.50");

        var chosen = await browser.PostAsync(created.CheckoutUrl.PathAndQuery, new FormUrlEncodedContent([new("status", "paid")]));
        chosen.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        chosen.Headers.Location!.ToString().ShouldBe("https://portal.test/return");
        Webhooks.Bodies.ShouldContain($"id={created.Id}");
        (await Client.GetPaymentAsync(created.Id)).Status.ShouldBe("paid");

        await browser.PostAsync(created.CheckoutUrl.PathAndQuery, new FormUrlEncodedContent([new("status", "expired")]));
        (await Client.GetPaymentAsync(created.Id)).Status.ShouldBe("paid");
    }
}
