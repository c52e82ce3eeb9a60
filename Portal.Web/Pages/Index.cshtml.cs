using Microsoft.AspNetCore.Mvc.RazorPages;
using Portal.Infrastructure.Demo;

namespace Portal.Web.Pages;

public class IndexModel(DemoLinks demo, IWebHostEnvironment environment) : PageModel
{
    /// <summary>Only in Development: the demo organisation's links issued at this start.</summary>
    public IReadOnlyList<DemoLinks.Link> DemoLinks { get; private set; } = [];

    public DemoLinks.LetterCodeLink? LetterCode { get; private set; }

    public void OnGet()
    {
        if (!environment.IsDevelopment()) return;
        DemoLinks = demo.Links;
        LetterCode = demo.LetterCode;
    }
}
