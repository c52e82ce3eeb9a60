using Microsoft.AspNetCore.Mvc;
using Portal.Infrastructure.Questions;

namespace Portal.Web.Pages.Questions;

/// <summary>The customer's questions and disputes with the organisation's replies; after sending one, that it arrived.</summary>
public class IndexModel(QuestionService questions) : Customers.CustomerPageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Sent { get; set; }

    public IReadOnlyList<QuestionView> Questions { get; private set; } = [];

    public QuestionView? JustSent => Questions.FirstOrDefault(q => q.Id == Sent);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Questions = await questions.MineAsync(Scope, ct);
        return Page();
    }
}
