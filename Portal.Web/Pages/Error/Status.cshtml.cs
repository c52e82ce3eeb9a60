using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portal.Web.Pages.Error;

/// <summary>Every error a customer can meet, in plain words, with the status code kept.</summary>
[IgnoreAntiforgeryToken]
[Microsoft.AspNetCore.RateLimiting.DisableRateLimiting] // the "wait a moment" page itself must always show
public class StatusModel : PageModel
{
    public int Code { get; private set; }

    public IActionResult OnGet(int code) => Show(code);

    public IActionResult OnPost(int code) => Show(code);

    private IActionResult Show(int code)
    {
        // Reached directly rather than through the status code pages: answer 404, never a fake status.
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
                         || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        Code = reExecuted && code is >= 400 and < 600 ? code : StatusCodes.Status404NotFound;
        Response.StatusCode = Code;
        return Page();
    }
}
