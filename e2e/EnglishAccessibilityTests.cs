using Portal.E2E.Infrastructure;

namespace Portal.E2E;

/// <summary>The accessibility checks with the pages in English.</summary>
public sealed class EnglishAccessibilityTests(PortalFixture portal) : AccessibilityChecks(portal, "en"), IClassFixture<PortalFixture>;
