using System.Globalization;

namespace Dashboard.Bench;

/// <summary>A process's peak resident memory (VmHWM) and CPU time (utime + stime), from /proc.</summary>
public static class ProcessMemory
{
    public static double PeakMb(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024;
    }

    /// <summary>CPU seconds the process has used so far (user + system), at the kernel's 100 ticks a second.</summary>
    public static double CpuSeconds(int pid)
    {
        // The command name (field 2) may hold spaces: fields are counted after its closing parenthesis.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}
