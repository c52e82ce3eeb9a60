using System.Globalization;
using Portal.Tests.Support;

namespace Portal.E2E.Infrastructure;

/// <summary>The app as <see cref="PortalFixture"/> starts it, sending e-mail over SMTP to a real SMTP server in the test process.</summary>
public sealed class EmailPortalFixture() : PortalFixture(new Dictionary<string, string>
{
    ["Portal:Email:Smtp:Host"] = "127.0.0.1",
    ["Portal:Email:Smtp:Port"] = Smtp.Port.ToString(CultureInfo.InvariantCulture),
    ["Portal:Email:Smtp:Security"] = "none",
    ["Portal:Email:From"] = "betalen@waterbedrijf.test",
})
{
    /// <summary>One server for the run: the app's settings are fixed before the fixture exists.</summary>
    public static TestSmtpServer Smtp { get; } = new();
}
