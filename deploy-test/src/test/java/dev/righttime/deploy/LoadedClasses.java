package dev.righttime.deploy;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.JMException;
import javax.management.ObjectName;

/** The classes this JVM has loaded, from HotSpot's VM.class_hierarchy diagnostic command (as {@code jcmd} runs it). */
final class LoadedClasses {

    /** A class or interface in the command's tree: {@code |--name/loader} or {@code implements name/loader}. */
    private static final Pattern NAME = Pattern.compile("(?:--|implements )([\\w.$]+)/");

    private LoadedClasses() {
    }

    /** Binary names of every loaded class and interface (hidden classes included, under their own names). */
    static Set<String> inThisJvm() {
        String tree;
        try {
            tree = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "vmClassHierarchy",
                    new Object[] {new String[] {"-i"}}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("VM.class_hierarchy is not available in this JVM", e);
        }
        return tree.lines().map(NAME::matcher).filter(Matcher::find).map(m -> m.group(1)).collect(Collectors.toSet());
    }
}
