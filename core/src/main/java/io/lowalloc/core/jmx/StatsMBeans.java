package io.lowalloc.core.jmx;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.ReflectionException;

/**
 * Registers a stats snapshot supplier (for example {@code recorder::stats}) as a read-only MBean
 * on the platform MBean server, in one call:
 *
 * <pre>{@code
 * StatsMBeans.Registration jmx = StatsMBeans.register("checkout", recorder::stats);
 * // ... io.lowalloc:type=Stats,name=checkout now shows batch.offered, batch.exported, ...
 * jmx.close(); // unregisters
 * }</pre>
 *
 * <p><b>Attributes.</b> The attributes are the snapshot type's public no-argument accessors that
 * return a primitive, a {@code String} or an enum (for a record: its components, then its other
 * such methods, such as {@code RecorderStats.inProgress()} and {@code isBalanced()}), each named by
 * its accessor. An accessor returning another snapshot type from this library (a record, or a final
 * class of an {@code io.lowalloc} package) contributes that type's attributes with the accessor's
 * name and a dot in front: {@code batch.offered}, {@code pool.misses}. The attribute set is read
 * from the class of the first snapshot, at registration.
 *
 * <p><b>Cost.</b> Nothing runs until a JMX client reads: each read calls the supplier once (one
 * snapshot, allocated on the reader's thread) and reads the accessors reflectively; a read of
 * several attributes at once ({@code getAttributes}) takes one snapshot for all of them, so they
 * are consistent with each other as far as the snapshot is. The recorder's hot path is not touched.
 *
 * <p><b>Threads.</b> Thread-safe; the supplier must be safe to call from any thread, as the
 * library's {@code stats()} methods are.
 */
public final class StatsMBeans {

    /** The JMX domain of every MBean registered here. */
    public static final String DOMAIN = "io.lowalloc";

    private StatsMBeans() {
    }

    /**
     * Registers {@code stats} on the platform MBean server as {@code io.lowalloc:type=Stats,name=<name>}.
     *
     * @param name the MBean's name key, unique among registered stats; letters, digits and
     *     {@code . _ -} only, 1 to 128 characters
     * @param stats supplies one snapshot per read; called once now to learn the snapshot type
     * @return the registration; {@link Registration#close()} unregisters
     * @throws IllegalArgumentException if {@code name} is empty, longer than 128 characters or has
     *     another character, if the snapshot type has no readable attribute, or if an MBean of that
     *     name is already registered
     * @throws NullPointerException if an argument is null or the supplier returns null
     */
    public static Registration register(String name, Supplier<?> stats) {
        return register(ManagementFactory.getPlatformMBeanServer(), name, stats);
    }

    /**
     * Registers {@code stats} on the given MBean server; see {@link #register(String, Supplier)}.
     *
     * @param server the MBean server
     * @param name the MBean's name key
     * @param stats supplies one snapshot per read
     * @return the registration
     * @throws IllegalArgumentException as {@link #register(String, Supplier)}
     * @throws NullPointerException if an argument is null or the supplier returns null
     */
    public static Registration register(MBeanServer server, String name, Supplier<?> stats) {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(stats, "stats");
        ObjectName objectName = objectName(name);
        Object first = Objects.requireNonNull(stats.get(), "stats.get() returned null");
        Map<String, Method[]> attributes = new LinkedHashMap<>();
        collect(first.getClass(), "", new Method[0], attributes);
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("stats: " + first.getClass().getName()
                    + " has no public no-argument accessor returning a primitive, String or enum");
        }
        StatsMBean bean = new StatsMBean(first.getClass(), stats, attributes);
        try {
            server.registerMBean(bean, objectName);
        } catch (InstanceAlreadyExistsException e) {
            throw new IllegalArgumentException("name: an MBean " + objectName + " is already registered", e);
        } catch (JMException e) {
            throw new IllegalStateException("could not register " + objectName, e);
        }
        return new Registration(server, objectName);
    }

    /**
     * Returns the object name {@link #register(String, Supplier)} uses for {@code name}.
     *
     * @param name the name key
     * @return {@code io.lowalloc:type=Stats,name=<name>}
     * @throws IllegalArgumentException if {@code name} is not a valid name key (see {@code register})
     * @throws NullPointerException if {@code name} is null
     */
    public static ObjectName objectName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.length() > 128) {
            throw new IllegalArgumentException("name: must be 1 to 128 characters, was " + name.length());
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            if (!ok) {
                throw new IllegalArgumentException("name: only letters, digits and . _ - are allowed, was \""
                        + name + "\"");
            }
        }
        try {
            return new ObjectName(DOMAIN + ":type=Stats,name=" + name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("name: \"" + name + "\" makes no valid object name", e);
        }
    }

    private static void collect(Class<?> type, String prefix, Method[] path, Map<String, Method[]> out) {
        Method[] methods = type.getMethods();
        List<Method> accessors = new ArrayList<>();
        for (Method m : methods) {
            if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers())
                    && m.getDeclaringClass() == type && !isObjectMethod(m)) {
                accessors.add(m);
            }
        }
        // Records list their components first, in declaration order; then the derived accessors by name.
        List<String> order = new ArrayList<>();
        if (type.isRecord()) {
            for (var component : type.getRecordComponents()) {
                order.add(component.getName());
            }
        }
        accessors.sort(Comparator.comparingInt((Method m) -> {
            int i = order.indexOf(m.getName());
            return i < 0 ? Integer.MAX_VALUE : i;
        }).thenComparing(Method::getName));
        for (Method m : accessors) {
            Method[] next = Arrays.copyOf(path, path.length + 1);
            next[path.length] = m;
            Class<?> r = m.getReturnType();
            if (isLeaf(r)) {
                out.put(prefix + m.getName(), next);
            } else if (isSnapshotType(r) && path.length < 4) {
                collect(r, prefix + m.getName() + ".", next, out);
            }
        }
    }

    private static boolean isObjectMethod(Method m) {
        String n = m.getName();
        return n.equals("toString") || n.equals("hashCode") || n.equals("getClass");
    }

    private static boolean isLeaf(Class<?> r) {
        return (r.isPrimitive() && r != void.class) || r == String.class || r.isEnum();
    }

    private static boolean isSnapshotType(Class<?> r) {
        return r.getName().startsWith("io.lowalloc.")
                && (r.isRecord() || (Modifier.isFinal(r.getModifiers()) && !r.isInterface()));
    }

    /** An MBean registered by {@link StatsMBeans}; closing it unregisters it. */
    public static final class Registration implements AutoCloseable {

        private final MBeanServer server;
        private final ObjectName name;

        Registration(MBeanServer server, ObjectName name) {
            this.server = server;
            this.name = name;
        }

        /**
         * Returns the MBean's object name.
         *
         * @return {@code io.lowalloc:type=Stats,name=...}
         */
        public ObjectName objectName() {
            return name;
        }

        /** Unregisters the MBean; idempotent. */
        @Override
        public void close() {
            try {
                if (server.isRegistered(name)) {
                    server.unregisterMBean(name);
                }
            } catch (JMException e) {
                // Unregistered concurrently by someone else: the goal of close() is reached anyway.
            }
        }
    }

    private static final class StatsMBean implements DynamicMBean {

        private final Supplier<?> stats;
        private final Map<String, Method[]> attributes;
        private final MBeanInfo info;

        StatsMBean(Class<?> type, Supplier<?> stats, Map<String, Method[]> attributes) {
            this.stats = stats;
            this.attributes = attributes;
            MBeanAttributeInfo[] infos = new MBeanAttributeInfo[attributes.size()];
            int i = 0;
            for (Map.Entry<String, Method[]> e : attributes.entrySet()) {
                Method[] path = e.getValue();
                Class<?> r = path[path.length - 1].getReturnType();
                String openType = r.isEnum() ? String.class.getName() : r.getName();
                infos[i++] = new MBeanAttributeInfo(e.getKey(), openType,
                        type.getSimpleName() + "." + e.getKey(), true, false, r == boolean.class);
            }
            this.info = new MBeanInfo(StatsMBean.class.getName(),
                    "Snapshot of " + type.getName() + ", taken at each read", infos, null, null, null);
        }

        @Override
        public Object getAttribute(String attribute) throws AttributeNotFoundException, MBeanException,
                ReflectionException {
            Method[] path = attributes.get(attribute);
            if (path == null) {
                throw new AttributeNotFoundException(attribute);
            }
            return read(snapshot(), path);
        }

        @Override
        public AttributeList getAttributes(String[] names) {
            AttributeList list = new AttributeList();
            Object snapshot;
            try {
                snapshot = snapshot();
            } catch (MBeanException e) {
                return list;
            }
            for (String n : names) {
                Method[] path = attributes.get(n);
                if (path != null) {
                    try {
                        list.add(new Attribute(n, read(snapshot, path)));
                    } catch (ReflectionException e) {
                        // Per the DynamicMBean contract an unreadable attribute is left out of the list.
                    }
                }
            }
            return list;
        }

        private Object snapshot() throws MBeanException {
            Object s;
            try {
                s = stats.get();
            } catch (RuntimeException e) {
                throw new MBeanException(e, "the stats supplier threw");
            }
            if (s == null) {
                throw new MBeanException(new NullPointerException("stats supplier returned null"));
            }
            return s;
        }

        private static Object read(Object snapshot, Method[] path) throws ReflectionException {
            Object v = snapshot;
            try {
                for (Method m : path) {
                    v = m.invoke(v);
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new ReflectionException(e, "reading " + path[path.length - 1]);
            }
            return v instanceof Enum<?> ? ((Enum<?>) v).name() : v;
        }

        @Override
        public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
            throw new AttributeNotFoundException("read-only: " + attribute.getName());
        }

        @Override
        public AttributeList setAttributes(AttributeList list) {
            return new AttributeList();
        }

        @Override
        public Object invoke(String actionName, Object[] params, String[] signature) throws ReflectionException {
            throw new ReflectionException(new NoSuchMethodException(actionName), "no operations");
        }

        @Override
        public MBeanInfo getMBeanInfo() {
            return info;
        }
    }
}
