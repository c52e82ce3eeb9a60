using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Web.Sandbox;

namespace Portal.Web.Pages.Dev;

/// <summary>
/// Wherever payments go to the sandbox: the date Portal and the sandbox live on, and a form to let days pass, so a
/// tester sees a direct debit announced, submitted and collected (or refused) on its day. 404 where the sandbox is off.
/// </summary>
public class ClockModel(IServiceProvider services) : PageModel
{
    private readonly SandboxDays? _days = services.GetService<SandboxDays>() is { CanMove: true } days ? days : null;

    public DateOnly Today { get; private set; }

    /// <summary>The day to move on to, as <c>yyyy-MM-dd</c>.</summary>
    [BindProperty]
    public string? To { get; set; }

    public string? Error { get; private set; }

    public IReadOnlyList<SandboxDays.Day> Passed { get; private set; } = [];

    public IActionResult OnGet()
    {
        if (_days is null) return NotFound();
        Today = _days.Today;
        To = Today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (_days is null) return NotFound();
        var today = _days.Today;
        if (!DateOnly.TryParseExact(To?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            Error = "Enter the date to move on to, such as " + today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".";
        else if (await _days.MoveToAsync(date, ct) is { } passed)
            Passed = passed;
        else
            Error = $"Enter a date after today ({today:yyyy-MM-dd}) and at most {SandboxDays.MostDays} days ahead. The clock never goes back.";
        Today = _days.Today;
        if (Error is not null) Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}
