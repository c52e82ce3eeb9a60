using Microsoft.Extensions.Options;
using Portal.Tests.Support;
using Shouldly;

namespace Portal.Tests.Web;

/// <summary>
/// A wrong or contradictory setting stops start-up with a message that names the key and what it takes, before the
/// database is touched, instead of a node that starts and fails (or quietly does something else) later.
/// </summary>
public class SettingsValidationTests
{
    private sealed class SettingsFactory(params (string Key, string Value)[] settings) : PortalFactory
    {
        protected override IEnumerable<(string Key, string Value)> Settings => settings;
    }

    [Theory]
    [InlineData("Portal:Database:Provider", "Oracle", "Portal:Database:Provider is 'Oracle'; it must be Sqlite or Postgres")]
    [InlineData("Portal:RateLimits:ApiPerMinute", "-5", "Portal:RateLimits:ApiPerMinute is -5; it must be a whole number of 1 or more")]
    [InlineData("Portal:RateLimits:PagesPerMinute", "many", "Portal:RateLimits:PagesPerMinute is 'many'; it must be a whole number")]
    [InlineData("Portal:RateLimits:Enabled", "yes", "Portal:RateLimits:Enabled is 'yes'; it must be true or false")]
    [InlineData("Portal:Jobs:ReconcilePaymentsEvery", "abc", "Portal:Jobs:ReconcilePaymentsEvery is 'abc'; it must be a time span such as 00:02:00")]
    [InlineData("Portal:Jobs:ReconcilePaymentsEvery", "0", "Portal:Jobs:ReconcilePaymentsEvery is 00:00:00; it must be a time span of more than zero")]
    [InlineData("Portal:Jobs:DeliverWebhooksEvery", "-00:00:10", "Portal:Jobs:DeliverWebhooksEvery is -00:00:10; it must be a time span of more than zero")]
    [InlineData("Portal:Roles", "portal,admin", "Portal:Roles names 'admin'; each entry must be portal, api or worker")]
    [InlineData("Portal:Roles", " , ", "Portal:Roles is empty")]
    [InlineData("Portal:PublicBaseUrl", "betalen.example.nl", "Portal:PublicBaseUrl is 'betalen.example.nl'; it must be an absolute http or https URL")]
    [InlineData("Portal:PublicBaseUrl", "ftp://betalen.example.nl", "Portal:PublicBaseUrl is 'ftp://betalen.example.nl'; it must be an absolute http or https URL")]
    [InlineData("Portal:Payments:Provider", "Molly", "Portal:Payments:Provider is 'Molly'; it must be Sandbox or Mollie")]
    [InlineData("Portal:Payments:Mollie:ApiKey", "abc", "Portal:Payments:Mollie:ApiKey must start with test_ or live_")]
    [InlineData("Portal:Payments:Mollie:MaxRetryDelay", "00:00:00.001", "Portal:Payments:Mollie:MaxRetryDelay (00:00:00.0010000) is shorter than Portal:Payments:Mollie:RetryBaseDelay")]
    [InlineData("Portal:Payments:Sandbox:WebhookTimeScale", "0", "Portal:Payments:Sandbox:WebhookTimeScale is 0; it must be a number above zero")]
    public async Task AWrongSetting_StopsStartUp_NamingTheKeyAndWhatItTakes(string key, string value, string message)
    {
        await using var app = new SettingsFactory((key, value));
        Should.Throw<OptionsValidationException>(() => app.CreateClient()).Message.ShouldContain(message);
    }

    [Fact]
    public async Task TheSettingsThatAreAllowed_Start()
    {
        await using var app = new SettingsFactory(("Portal:Roles", "Portal, API,worker"), ("Portal:PublicBaseUrl", "https://betalen.example.nl/portaal/"),
            ("Portal:Jobs:ReconcilePaymentsEvery", "00:05:00"), ("Portal:RateLimits:ApiPerMinute", "1"), ("Portal:Payments:Provider", "sandbox"));
        (await app.CreateClient().GetAsync("/health/live")).EnsureSuccessStatusCode();
    }
}
