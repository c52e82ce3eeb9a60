using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Portal.Api.Auth;
using Portal.Api.Http;
using Portal.Domain.Invoices;
using Portal.Domain.Questions;
using Portal.Infrastructure.Questions;

namespace Portal.Api.Questions;

public static class QuestionEndpoints
{
    public static RouteGroupBuilder MapQuestionEndpoints(this RouteGroupBuilder api)
    {
        var questions = api.MapGroup("/questions").WithTags("Questions and disputes");
        questions.MapGet("/", List).WithName("ListQuestions")
            .WithSummary("Questions and disputes customers sent about their invoices, newest first")
            .WithDescription("Filter by status (open, answered, resolved), customerRef and dispute (true or false); page with cursor (nextCursor of the "
                + "previous page) and limit (1 to 1000, default 100).")
            .Produces<QuestionListResponse>().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        questions.MapGet("/{id}", Get).WithName("GetQuestion")
            .WithSummary("One question or dispute, with its files").Produces<QuestionResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        questions.MapGet("/{id}/files/{fileId}", File).WithName("GetQuestionFile")
            .WithSummary("A file the customer sent (PDF, JPEG or PNG), as an attachment; only through the API")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").ProducesProblem(StatusCodes.Status404NotFound);
        questions.MapPost("/{id}/answer", Answer).WithName("AnswerQuestion")
            .WithSummary("Answer it: the customer reads your reply on their pages and in a message (a dispute stays open until you resolve it)")
            .Accepts<AnswerRequest>("application/json")
            .Produces<QuestionResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        questions.MapPost("/{id}/resolve", Resolve).WithName("ResolveQuestion")
            .WithSummary("Close it, upheld or not: a dispute's invoice is no longer paused (dispute.resolved) and the customer is told your reply")
            .WithDescription("upheld: true when the customer is right; then change or cancel the invoice (PUT /api/v1/invoices/{n}) before or with "
                + "resolving, because reminders and collection resume for what is still open. upheld false: the invoice stands and is collected again.")
            .Accepts<ResolveRequest>("application/json")
            .Produces<QuestionResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> List(ClaimsPrincipal user, QuestionService questions, string? status, string? customerRef, string? dispute,
        string? cursor, int? limit, CancellationToken ct)
    {
        var errors = new List<RuleViolation>();
        var wanted = ListPaging.Status(status, QuestionService.Statuses, errors);
        if (customerRef is not null && !RequestMapping.IsValidKey(customerRef)) errors.Add(new("customerRef", RequestMapping.KeyRule("customerRef")));
        bool? disputes = dispute switch { null => null, "true" => true, "false" => false, _ => null };
        if (dispute is not null && disputes is null) errors.Add(new("dispute", "'dispute' is true or false."));
        var (before, pageSize, unreadable) = ListPaging.Page(cursor, limit, errors);
        if (unreadable is not null) return unreadable;
        if (errors.Count > 0) return ApiProblems.Validation(errors);
        var (items, next) = await questions.ListAsync(user.OrganisationId(), wanted, customerRef, disputes, before, pageSize, ct);
        return TypedResults.Ok(new QuestionListResponse([.. items.Select(QuestionResponse.Of)], ListPaging.Next(next)));
    }

    private static async Task<IResult> Get(string id, ClaimsPrincipal user, QuestionService questions, CancellationToken ct) =>
        Guid.TryParse(id, out var questionId) && await questions.GetAsync(user.OrganisationId(), questionId, ct) is { } view
            ? TypedResults.Ok(QuestionResponse.Of(view)) : Missing(id);

    private static async Task<IResult> File(string id, string fileId, HttpContext http, ClaimsPrincipal user, QuestionService questions, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var questionId) || !Guid.TryParse(fileId, out var file)
            || await questions.FileAsync(user.OrganisationId(), questionId, file, ct) is not { } found)
            return ApiProblems.NotFound($"Question '{id}' has no file '{fileId}'.");
        // Never shown inline, never sniffed into something else: a download under Portal's own name.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        var extension = found.ContentType switch { "application/pdf" => "pdf", "image/png" => "png", _ => "jpg" };
        return TypedResults.File(found.Content, found.ContentType, $"{found.PublicId}.{extension}");
    }

    private static async Task<IResult> Answer(string id, HttpRequest request, ClaimsPrincipal user, QuestionService questions, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<AnswerRequest>(request);
        if (problem is not null) return problem;
        var (reply, errors) = body!.Check();
        if (reply is null) return ApiProblems.Validation(errors);
        if (!Guid.TryParse(id, out var questionId)) return Missing(id);
        return Result(id, await questions.AnswerAsync(user.OrganisationId(), questionId, reply, user.Actor(), ct), "A resolved question cannot be answered again.");
    }

    private static async Task<IResult> Resolve(string id, HttpRequest request, ClaimsPrincipal user, QuestionService questions, CancellationToken ct)
    {
        var (body, problem) = await JsonBody.ReadAsync<ResolveRequest>(request);
        if (problem is not null) return problem;
        var (upheld, reply, errors) = body!.Check();
        if (errors.Count > 0) return ApiProblems.Validation(errors);
        if (!Guid.TryParse(id, out var questionId)) return Missing(id);
        return Result(id, await questions.ResolveAsync(user.OrganisationId(), questionId, upheld, reply, user.Actor(), ct), "It is resolved already.");
    }

    private static IResult Result(string id, (QuestionService.Outcome Outcome, QuestionView? View) result, string notNow) => result.Outcome switch
    {
        QuestionService.Outcome.NotFound => Missing(id),
        QuestionService.Outcome.NotNow => TypedResults.Problem(notNow, statusCode: StatusCodes.Status409Conflict, title: "Not possible in this state"),
        _ => TypedResults.Ok(QuestionResponse.Of(result.View!)),
    };

    private static IResult Missing(string id) => ApiProblems.NotFound($"There is no question '{id}'.");
}
