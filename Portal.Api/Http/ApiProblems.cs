using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Invoices;

namespace Portal.Api.Http;

/// <summary>RFC 9457 problem responses that name what is wrong.</summary>
public static class ApiProblems
{
    public static IResult Validation(IEnumerable<RuleViolation> violations, string? detail = null)
    {
        var errors = violations.GroupBy(v => v.Field).ToDictionary(g => g.Key, g => g.Select(v => v.Message).ToArray());
        return TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "One or more fields are invalid.",
            Detail = detail ?? string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")),
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        });
    }

    public static IResult Validation(string field, string message) => Validation([new RuleViolation(field, message)]);

    public static IResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    public static IResult BadRequest(string detail, string? field = null, string title = "The request body is not valid JSON.")
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = title, Detail = detail };
        if (field is not null) problem.Extensions["field"] = field;
        return TypedResults.Problem(problem);
    }

    /// <summary>A query or route value that cannot be read as what it stands for (<c>?limit=abc</c>): 400, with <c>errors</c> naming it.</summary>
    public static IResult Unreadable(string field, string message) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "A value in the request cannot be read.",
            Detail = $"{field}: {message}",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.1",
        });

    public static IResult TooLarge(long limit) =>
        TypedResults.Problem($"The request body is larger than {limit.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "Request body too large");

    public static async Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }
}
