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

    public static IResult BadRequest(string detail, string? field = null)
    {
        var problem = new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "The request body is not valid JSON.", Detail = detail };
        if (field is not null) problem.Extensions["field"] = field;
        return TypedResults.Problem(problem);
    }

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
