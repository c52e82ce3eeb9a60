using Portal.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Portal.E2E;

/// <summary>The accessibility checks with the pages in Dutch, the default language.</summary>
public sealed class DutchAccessibilityTests(PortalFixture portal, ITestOutputHelper output) : AccessibilityChecks(portal, output), IClassFixture<PortalFixture>
{
    [BrowserFact]
    public Task Every_page_in_Dutch_passes_axe_and_the_page_checks_at_320_and_1280_px() => CheckEveryPageAsync("nl");
}
