using System.Globalization;
using Microsoft.Playwright;

namespace Portal.E2E.Infrastructure;

/// <summary>The sandbox's clock page, <c>/dev/clock</c>, as a tester uses it: let the days up to a date pass.</summary>
public static class SandboxClockPage
{
    /// <summary>Moves Portal and the sandbox on to <paramref name="date"/>, day by day, in a tab of its own.</summary>
    public static async Task MoveOnToAsync(IBrowserContext context, DateOnly date)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/dev/clock");
        var day = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.GetByLabel("Move on to").FillAsync(day);
        await page.GetByRole(AriaRole.Button, new() { Name = "Move on", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#today")).ToHaveAttributeAsync("data-date", day, new() { Timeout = 60_000 });
        await page.CloseAsync();
    }
}
