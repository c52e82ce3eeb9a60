using Microsoft.Extensions.Options;

namespace Portal.Infrastructure.Settings;

/// <summary>Runs an options class's own checks when the host starts (ValidateOnStart), after every PostConfigure.</summary>
public sealed class CheckedOptionsValidator<TOptions> : IValidateOptions<TOptions> where TOptions : class, ICheckedOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var problems = options.Problems().ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
