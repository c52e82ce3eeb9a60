using Portal.Domain.Verification;
using Portal.Infrastructure.Settings;

namespace Portal.Infrastructure.Verification;

/// <summary><c>Portal:OneTimeCodes</c>: how often a customer may ask for a new code.</summary>
public sealed class OneTimeCodeOptions : ICheckedOptions
{
    public const string Section = "Portal:OneTimeCodes";

    public TimeSpan ResendAfter { get; set; } = OneTimeCode.DefaultResendAfter;
    public int MaxPerHour { get; set; } = OneTimeCode.DefaultMaxPerHour;

    public IEnumerable<string> Problems()
    {
        if (ResendAfter < TimeSpan.Zero) yield return $"{Section}:ResendAfter is {ResendAfter}; it must be a time span of zero or more, such as 00:01:00.";
        if (MaxPerHour < 1) yield return $"{Section}:MaxPerHour is {MaxPerHour}; it must be 1 or more.";
    }
}
