using Portal.E2E.Infrastructure;
using Xunit.Abstractions;

namespace Portal.E2E;

/// <summary>The accessibility checks in Turkish, Polish and Arabic; Arabic reads right to left.</summary>
public sealed class OtherLanguagesAccessibilityTests(PortalFixture portal, ITestOutputHelper output) : AccessibilityChecks(portal, output), IClassFixture<PortalFixture>
{
    [BrowserTheory]
    [InlineData("tr")]
    [InlineData("pl")]
    [InlineData("ar")]
    public Task Every_page_passes_axe_and_the_page_checks_at_320_and_1280_px(string language) => CheckEveryPageAsync(language);
}
