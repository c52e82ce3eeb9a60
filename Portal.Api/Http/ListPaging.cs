using System.Globalization;
using Microsoft.AspNetCore.Http;
using Portal.Domain.Invoices;

namespace Portal.Api.Http;

/// <summary>
/// The query values every keyset-paged list reads the same way: a status by its API name, the cursor (the key the
/// previous page ended before) and the page size, with the same messages when they are wrong.
/// </summary>
public static class ListPaging
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    /// <summary>A status named as the API names it, or null when none was asked; a name not in <paramref name="names"/> adds an error.</summary>
    public static T? Status<T>(string? status, IReadOnlyDictionary<string, T> names, List<RuleViolation> errors) where T : struct
    {
        if (status is null) return null;
        if (names.TryGetValue(status, out var parsed)) return parsed;
        errors.Add(new("status", $"'status' is one of {string.Join(", ", names.Keys)}."));
        return null;
    }

    /// <summary>The cursor and page size; <c>Problem</c> is set when the cursor is not one this API gave out.</summary>
    public static (long? Before, int PageSize, IResult? Problem) Page(string? cursor, int? limit, List<RuleViolation> errors)
    {
        long? before = null;
        if (cursor is not null)
        {
            if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var key) && key > 0) before = key;
            else return (null, 0, ApiProblems.Unreadable("cursor", "'cursor' is not a cursor this API gave out; pass nextCursor from the previous page."));
        }
        var pageSize = limit ?? DefaultPageSize;
        if (pageSize is < 1 or > MaxPageSize) errors.Add(new("limit", $"'limit' is between 1 and {MaxPageSize}."));
        return (before, pageSize, null);
    }

    public static string? Next(long? key) => key?.ToString(CultureInfo.InvariantCulture);
}
