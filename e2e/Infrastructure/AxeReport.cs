using System.Text;
using Deque.AxeCore.Commons;

namespace Portal.E2E.Infrastructure;

/// <summary>Axe's violations as a readable assertion message.</summary>
public static class AxeReport
{
    public static string Describe(string page, AxeResult result)
    {
        var text = new StringBuilder();
        text.AppendLine($"Axe found {result.Violations.Length} violation(s) on {page}:");
        foreach (var violation in result.Violations)
        {
            text.AppendLine($"- {violation.Id} ({violation.Impact}): {violation.Help} {violation.HelpUrl}");
            foreach (var node in violation.Nodes)
                text.AppendLine($"    at {node.Target}: {node.Html}");
        }
        return text.ToString();
    }
}
