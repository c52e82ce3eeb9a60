using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Portal.Api.Http;

/// <summary>
/// A query value that cannot be read as its parameter's type, such as <c>?limit=abc</c>, is a 400 whose <c>errors</c>
/// name the parameter. ASP.NET Core's own binding answers such a value with an empty 400 that names nothing, and in
/// Development throws, which makes a 500. The check wraps every endpoint of the API, so a new one is covered as it is mapped.
/// </summary>
public static class QueryValues
{
    /// <summary>Use as a <c>Finally</c> convention: it needs the endpoint's request delegate and handler method.</summary>
    public static void Guard(EndpointBuilder endpoint)
    {
        if (endpoint.RequestDelegate is not { } inner) return;
        var routeNames = (endpoint as RouteEndpointBuilder)?.RoutePattern.Parameters.Select(p => p.Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase) ?? [];
        var checks = endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault()?.GetParameters()
            .Select(p => TypedQueryParameter.For(p, routeNames)).OfType<TypedQueryParameter>().ToArray() ?? [];
        endpoint.RequestDelegate = async context =>
        {
            foreach (var check in checks)
            {
                if (check.Reads(context.Request.Query[check.Name])) continue;
                await ApiProblems.Unreadable(check.Name, check.Rule).ExecuteAsync(context);
                return;
            }
            try
            {
                await inner(context);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status400BadRequest && !context.Response.HasStarted)
            {
                // Only Development throws here; the message still names the parameter ("Failed to bind parameter ...").
                await ApiProblems.Unreadable("request", e.Message).ExecuteAsync(context);
            }
        };
    }

    /// <summary>A handler parameter bound from the query with a type other than text.</summary>
    private sealed class TypedQueryParameter(string name, Type type, MethodInfo tryParse)
    {
        public string Name { get; } = name;

        public string Rule { get; } = type == typeof(int) || type == typeof(long)
            ? $"'{name}' is a whole number, such as 100."
            : type == typeof(DateTimeOffset) || type == typeof(DateTime)
                ? $"'{name}' is an ISO 8601 date and time, such as 2026-12-01T12:00:00Z."
                : type == typeof(Guid) ? $"'{name}' is a UUID." : type == typeof(bool) ? $"'{name}' is true or false."
                : $"'{name}' cannot be read as a {type.Name}.";

        public static TypedQueryParameter? For(ParameterInfo parameter, IReadOnlySet<string> routeNames)
        {
            var attributes = parameter.GetCustomAttributes(true);
            if (attributes.Any(a => a is IFromServiceMetadata or IFromBodyMetadata or IFromHeaderMetadata or IFromFormMetadata or IFromRouteMetadata
                    or AsParametersAttribute)) return null;
            var name = attributes.OfType<IFromQueryMetadata>().FirstOrDefault()?.Name ?? parameter.Name;
            if (name is null || routeNames.Contains(name)) return null;
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (type == typeof(string) || !type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IParsable<>)))
                return null;
            var tryParse = type.GetMethod("TryParse", BindingFlags.Public | BindingFlags.Static,
                [typeof(string), typeof(IFormatProvider), type.MakeByRefType()]);
            return tryParse is null ? null : new TypedQueryParameter(name, type, tryParse);
        }

        /// <summary>Absent and empty read as "not given", as ASP.NET Core binds them.</summary>
        public bool Reads(StringValues values)
        {
            var text = values.ToString();
            return text.Length == 0 || (bool)tryParse.Invoke(null, [text, CultureInfo.InvariantCulture, null])!;
        }
    }
}
