// The yardstick bench/run.sh measures Portal against: bare Kestrel on the same machine, in the same run. It does
// only what any ASP.NET Core app must (routing, a string, a small JSON), so the ratio says what Portal's own work costs.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);

var app = builder.Build();
app.MapGet("/", () => "Hello");
app.MapGet("/json", () => new Greeting("Hello"));
app.MapGet("/health/live", () => "Healthy");
app.Run();

/// <summary>The tiny JSON body of <c>/json</c>, serialised the way minimal APIs serialise any record.</summary>
internal sealed record Greeting(string Message);
