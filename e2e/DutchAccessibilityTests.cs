using Portal.E2E.Infrastructure;

namespace Portal.E2E;

/// <summary>The accessibility checks with the pages in Dutch, the default language.</summary>
public sealed class DutchAccessibilityTests(PortalFixture portal) : AccessibilityChecks(portal, "nl"), IClassFixture<PortalFixture>;
