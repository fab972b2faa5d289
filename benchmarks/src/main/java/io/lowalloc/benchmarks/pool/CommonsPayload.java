package io.lowalloc.benchmarks.pool;

import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/** A payload pooled by Apache commons-pool2's {@link GenericObjectPool}. */
public final class CommonsPayload extends Payload {

    /**
     * Creates a payload.
     *
     * @param bufferLongs the length of the buffer
     */
    public CommonsPayload(int bufferLongs) {
        super(bufferLongs);
    }

    /**
     * Creates a commons-pool2 pool of payloads with room for {@code size} objects, all created up
     * front, JMX registration off, and borrowers blocking (never failing) when it is exhausted.
     *
     * @param bufferLongs the buffer length of every payload
     * @param size the most payloads out and idle
     * @return a new pool, prefilled
     * @throws Exception if prefilling fails
     */
    public static GenericObjectPool<CommonsPayload> pool(int bufferLongs, int size) throws Exception {
        GenericObjectPoolConfig<CommonsPayload> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(size);
        config.setMaxIdle(size);
        config.setMinIdle(0);
        config.setBlockWhenExhausted(true);
        config.setJmxEnabled(false);
        GenericObjectPool<CommonsPayload> pool = new GenericObjectPool<>(new Factory(bufferLongs), config);
        pool.addObjects(size);
        return pool;
    }

    private static final class Factory extends BasePooledObjectFactory<CommonsPayload> {
        private final int bufferLongs;

        Factory(int bufferLongs) {
            this.bufferLongs = bufferLongs;
        }

        @Override
        public CommonsPayload create() {
            return new CommonsPayload(bufferLongs);
        }

        @Override
        public PooledObject<CommonsPayload> wrap(CommonsPayload payload) {
            return new DefaultPooledObject<>(payload);
        }

        @Override
        public void passivateObject(PooledObject<CommonsPayload> pooled) {
            pooled.getObject().clear();
        }
    }
}
